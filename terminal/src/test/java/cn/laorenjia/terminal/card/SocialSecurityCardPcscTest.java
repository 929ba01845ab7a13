package cn.laorenjia.terminal.card;

import cn.laorenjia.fixtures.sample.CardKind;
import cn.laorenjia.fixtures.sample.SampleRegister;
import cn.laorenjia.fixtures.sample.SampleSenior;
import cn.laorenjia.fixtures.vpcd.VirtualCard;
import cn.laorenjia.terminal.identify.IdentificationFailed;
import cn.laorenjia.terminal.identify.SeniorPresented;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Profile (b), the 社会保障卡: SELECT by AID and three READ RECORDs through the real PC/SC stack. */
@QuarkusTest
@TestProfile(SocialSecurityCardPcscTest.SocialSecurityProfile.class)
class SocialSecurityCardPcscTest extends PcscTestSupport {

    public static class SocialSecurityProfile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("laorenjia.terminal.card.profile", "SOCIAL_SECURITY");
        }
    }

    private static SampleSenior seniorWithSocialSecurityCard() {
        return SampleRegister.baodi().seniors().stream()
                .filter(s -> s.primaryCard().kind() == CardKind.SOCIAL_SECURITY).findFirst().orElseThrow();
    }

    @Test
    void aSocialSecurityCardPresentsItsCardNumber() {
        SampleSenior senior = seniorWithSocialSecurityCard();
        try (VirtualCard card = VirtualCard.of(senior).insert(VirtualCard.SECOND_READER_PORT)) {
            SeniorPresented seen = events.next(SeniorPresented.class, WAIT);
            assertEquals(SeniorPresented.Kind.SOCIAL_SECURITY_CARD, seen.kind());
            assertEquals(senior.primaryCard().identifier(), seen.value());
            assertEquals(4, card.commandsReceived(), "SELECT and three READ RECORDs");
        }
        awaitNoCard();
    }

    @Test
    void aCardPulledBetweenRecordsIsReported() {
        SampleSenior senior = seniorWithSocialSecurityCard();
        try (VirtualCard card = VirtualCard.of(senior).pulledAtCommand(3).insert(VirtualCard.SECOND_READER_PORT)) {
            assertEquals("CARD_REMOVED", events.next(IdentificationFailed.class, WAIT).code());
        }
        awaitNoCard();
    }

    @Test
    void aContactlessCardIsNotASocialSecurityCard() {
        try (VirtualCard card = VirtualCard.uid("04A1B2C3D4E5F6").insert(VirtualCard.SECOND_READER_PORT)) {
            assertEquals("NOT_SOCIAL_SECURITY_CARD", events.next(IdentificationFailed.class, WAIT).code());
        }
        awaitNoCard();
    }

    @Test
    void aCardWithABadIdNumberIsRefused() {
        try (VirtualCard card = VirtualCard.socialSecurity("TJ0000001", "110105194912310021", "王淑珍")
                .insert(VirtualCard.SECOND_READER_PORT)) {
            assertEquals("BAD_ID_NUMBER", events.next(IdentificationFailed.class, WAIT).code());
        }
        awaitNoCard();
    }
}
