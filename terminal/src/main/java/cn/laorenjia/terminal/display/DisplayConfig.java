package cn.laorenjia.terminal.display;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;

/** The senior display of this counter (README: 收银终端, 语音提示). */
@ConfigMapping(prefix = "laorenjia.terminal.display")
public interface DisplayConfig {

    /**
     * The canteen's own voice prompts (UTF-8 properties), read at start. Its keys replace the jar's
     * voice-prompts.properties one by one; without the file the jar's words are spoken.
     */
    @WithDefault("${laorenjia.terminal.offline.data-dir}/voice-prompts.properties")
    Path voicePrompts();
}
