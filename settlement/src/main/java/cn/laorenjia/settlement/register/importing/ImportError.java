package cn.laorenjia.settlement.register.importing;

import cn.laorenjia.settlement.error.ApiException;

import java.util.Map;

/**
 * Refusals of a whole upload or apply, raised before anything is written (a file's rows get {@link ProblemCode}s in
 * the report instead). How each is answered over HTTP: {@link cn.laorenjia.settlement.error.ErrorCatalogue}.
 */
public enum ImportError {
    IMPORT_FILE_EMPTY("文件为空：没有表头，或表头下没有任何数据行"),
    IMPORT_FILE_UNREADABLE("无法读取该文件：请上传 Excel 工作簿（.xlsx）或 CSV 文件（UTF-8 或 GBK 编码）"),
    IMPORT_WRONG_HEADERS("表头与模板不符：请下载模板，按模板的列名填写"),
    IMPORT_TOO_MANY_ROWS("文件行数过多，请分成几个文件导入"),
    IMPORT_UNKNOWN_KIND("导入类型无效：kind 须为 REGISTER（老人登记名册）或 CHANGES（民政变更名单）"),
    IMPORT_UNKNOWN_CHARSET("字符编码无效：charset 须为 UTF-8 或 GBK"),
    /** The dry run found problems: a file is imported whole or not at all. */
    IMPORT_HAS_PROBLEMS("文件中有存在问题的行，整个文件未导入：请按结果文件逐行改正后重新上传"),
    /** Apply names something other than a dry run. */
    IMPORT_NOT_A_DRY_RUN("只能导入预检（dry run）的结果：请先上传文件预检"),
    UNKNOWN_IMPORT("未找到该导入记录");

    private final String messageZh;

    ImportError(String messageZh) {
        this.messageZh = messageZh;
    }

    public String messageZh() {
        return messageZh;
    }

    public ApiException exception() {
        return new ApiException(name(), messageZh);
    }

    public ApiException exception(String more, Map<String, Object> details) {
        return new ApiException(name(), more == null ? messageZh : messageZh + "（" + more + "）", details);
    }
}
