package cn.laorenjia.terminal.sale;

import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The meal windows, checked when the counter starts (a wrong setting stops it with a Chinese message naming the line),
 * and a watch that puts the new meal's set on an idle counter's screen when a window begins.
 */
@ApplicationScoped
public class MealWindowWatch {

    private final Instance<SaleFlow> flow;

    public MealWindowWatch(Instance<SaleFlow> flow) {
        this.flow = flow;
    }

    @Produces
    @Singleton
    @Startup
    MealWindows mealWindows(MealWindowsConfig config) {
        return MealWindows.of(config.breakfast(), config.lunch(), config.dinner());
    }

    @Scheduled(every = "${laorenjia.terminal.meal-windows.check-every:PT30S}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void check() {
        flow.get().mealWindowCheck();
    }
}
