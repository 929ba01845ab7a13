package cn.laorenjia.terminal.sale;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * When the canteen serves each meal, Beijing time, "HH:mm-HH:mm" (see {@link MealWindows}): the counter offers each new
 * customer the standard set of the meal being served (or the next one). Checked when the counter starts.
 */
@ConfigMapping(prefix = "laorenjia.terminal.meal-windows")
public interface MealWindowsConfig {

    @WithDefault("06:00-09:30")
    String breakfast();

    @WithDefault("10:30-13:30")
    String lunch();

    @WithDefault("16:30-19:00")
    String dinner();

    /** How often an idle counter looks whether the meal changed, so its screen offers the new meal's set. */
    @WithDefault("PT30S")
    Duration checkEvery();
}
