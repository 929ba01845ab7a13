package cn.laorenjia.terminal.app;

import cn.laorenjia.contract.json.ContractJson;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * The counter ⇄ central contract's one JSON form of Money (whole fen) on the terminal's mapper, which the REST
 * client to the central and the cashier page's API both use: the same module the central registers.
 */
@Singleton
public class ContractJsonCustomizer implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        ContractJson.configure(mapper);
    }
}
