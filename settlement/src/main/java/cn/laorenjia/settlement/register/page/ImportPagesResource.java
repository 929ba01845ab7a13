package cn.laorenjia.settlement.register.page;

import cn.laorenjia.settlement.register.importing.ImportKind;
import cn.laorenjia.settlement.register.importing.ImportView;
import cn.laorenjia.settlement.register.importing.RegisterImports;
import cn.laorenjia.settlement.web.Chrome;
import cn.laorenjia.settlement.register.page.PageModels.Choice;
import cn.laorenjia.settlement.register.page.PageModels.ImportRow;
import cn.laorenjia.settlement.security.CurrentPerson;
import cn.laorenjia.settlement.security.Roles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The bulk import's page (/register/imports): choose the kind and the file, check it (the page's script sends the file
 * as the raw body to /api/register/imports, with the cross-site proof header: the central refuses multipart forms),
 * read the report, apply a file without problems; the templates and the past imports with their result files.
 * Administrators only: the import is the district's (RegisterImports does not scope a 街道 clerk).
 */
@Path("/register/imports")
@Tag(name = "register pages")
@RolesAllowed(Roles.ADMINISTRATOR)
public class ImportPagesResource {

    @CheckedTemplate(basePath = "register")
    static class Templates {
        static native TemplateInstance imports(Chrome chrome, List<Choice> kinds, List<ImportRow> past);
    }

    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.of("Asia/Shanghai"));
    private static final int PAST = 30;

    private final RegisterImports imports;
    private final RegisterPageService pages;
    private final CurrentPerson person;

    public ImportPagesResource(RegisterImports imports, RegisterPageService pages, CurrentPerson person) {
        this.imports = imports;
        this.pages = pages;
        this.person = person;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "批量导入页面")
    public TemplateInstance page(@QueryParam("done") String done) {
        List<Choice> kinds = Arrays.stream(ImportKind.values())
                .map(k -> new Choice(k.name(), k.labelZh(), k == ImportKind.REGISTER)).toList();
        List<ImportRow> past = imports.latest(PAST).stream().map(ImportPagesResource::row).toList();
        return Templates.imports(RegisterNav.IMPORTS.chrome("批量导入", pages.who(person.username()), done,
                pages.administrator()), kinds, past);
    }

    private static ImportRow row(ImportView v) {
        String written = v.written() == null || v.written().isEmpty() ? "" : v.written().entrySet().stream()
                .filter(e -> e.getValue() != null && e.getValue() > 0).map(ImportPagesResource::writtenLabel)
                .collect(Collectors.joining("，"));
        return new ImportRow(v.id(), AT.format(v.at()), v.actor(), v.kind().labelZh(), v.fileName(),
                "APPLIED".equals(v.mode()) ? "已导入" : "预检", v.rows(), v.rowsWithProblems(), written, v.resultUrl());
    }

    private static String writtenLabel(Map.Entry<String, Integer> e) {
        String what = switch (e.getKey()) {
            case "seniors" -> "新登记老人";
            case "facts" -> "新增记录";
            case "factsEnded" -> "结束记录";
            case "cards" -> "发卡";
            default -> e.getKey();
        };
        return what + " " + e.getValue();
    }
}
