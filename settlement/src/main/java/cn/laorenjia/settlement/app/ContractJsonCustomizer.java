package cn.laorenjia.settlement.app;

import cn.laorenjia.contract.json.ContractJson;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * The counter ⇄ central contract's one JSON form of Money (whole fen) on the service's mapper: the same module the
 * counter registers, so both sides read and write amounts alike. Also what the stored ledger answers are written
 * and replayed with.
 */
@Singleton
public class ContractJsonCustomizer implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        ContractJson.configure(mapper);
    }
}
