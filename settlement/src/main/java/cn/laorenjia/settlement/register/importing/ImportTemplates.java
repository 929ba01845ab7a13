package cn.laorenjia.settlement.register.importing;

/** The empty templates to download, one per kind (README "批量导入" documents their columns). */
public final class ImportTemplates {

    private ImportTemplates() {
    }

    public static byte[] xlsx(ImportKind kind) {
        return ImportWorkbooks.template(kind);
    }

    public static byte[] csv(ImportKind kind) {
        return ImportWorkbooks.csvTemplate(kind);
    }
}
