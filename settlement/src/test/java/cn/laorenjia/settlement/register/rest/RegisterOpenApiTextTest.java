package cn.laorenjia.settlement.register.rest;

import cn.laorenjia.core.senior.DisabilityLevel;
import cn.laorenjia.core.senior.EnrolmentState;
import cn.laorenjia.core.senior.FactKind;
import cn.laorenjia.core.senior.LowIncomeStatus;
import cn.laorenjia.core.senior.VisitingCareCategory;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The OpenAPI descriptions of facts are written out by hand (annotations take constants): they follow the core's enums. */
class RegisterOpenApiTextTest {

    @Test
    void everyFactKindAndValueIsDescribedWithItsChineseName() {
        for (FactKind k : FactKind.values()) {
            assertTrue(RegisterRequests.FACT_KINDS.contains(k.name() + " " + k.labelZh()), k.name());
        }
        for (VisitingCareCategory v : VisitingCareCategory.values()) {
            assertTrue(RegisterRequests.FACT_VALUES.contains(v.name() + " " + v.labelZh()), v.name());
        }
        for (LowIncomeStatus v : LowIncomeStatus.values()) {
            assertTrue(RegisterRequests.FACT_VALUES.contains(v.name() + " " + v.labelZh()), v.name());
        }
        for (DisabilityLevel v : DisabilityLevel.values()) {
            assertTrue(RegisterRequests.FACT_VALUES.contains(v.name() + " " + v.labelZh()), v.name());
        }
        for (EnrolmentState v : EnrolmentState.values()) {
            assertTrue(RegisterRequests.FACT_VALUES.contains(v.name() + " " + v.labelZh()), v.name());
            assertTrue(RegisterRequests.ENROLMENT_STATES.contains(v.name() + " " + v.labelZh()), v.name());
        }
        assertTrue(RegisterRequests.TO_EXCLUSIVE.contains("不含当天"));
    }
}
