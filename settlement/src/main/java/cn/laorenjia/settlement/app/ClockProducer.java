package cn.laorenjia.settlement.app;

import cn.laorenjia.core.calendar.ChinaCalendar;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.time.Clock;

/** The one clock the service reads: explicitly in Asia/Shanghai, never the machine's default zone. */
@ApplicationScoped
public class ClockProducer {

    @Produces
    @ApplicationScoped
    Clock clock() {
        return Clock.system(ChinaCalendar.ZONE);
    }
}
