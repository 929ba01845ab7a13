package cn.laorenjia.settlement.register.page;

import cn.laorenjia.core.meal.MealSlot;
import cn.laorenjia.core.money.Money;
import cn.laorenjia.settlement.error.ApiException;
import cn.laorenjia.settlement.error.ErrorCodes;
import cn.laorenjia.settlement.error.InvalidRequest;
import cn.laorenjia.settlement.register.page.PageModels.CanteenRow;
import cn.laorenjia.settlement.register.page.PageModels.CanteenSheet;
import cn.laorenjia.settlement.web.Chrome;
import cn.laorenjia.settlement.register.page.PageModels.NewCanteenForm;
import cn.laorenjia.settlement.register.service.NewCanteen;
import cn.laorenjia.settlement.register.service.PublicContact;
import cn.laorenjia.settlement.register.service.RegisterService;
import cn.laorenjia.settlement.register.service.RegisterViews.CanteenRegistered;
import cn.laorenjia.settlement.register.service.RegisterViews.TerminalRegistered;
import cn.laorenjia.settlement.security.CurrentPerson;
import cn.laorenjia.settlement.security.Roles;
import cn.laorenjia.settlement.security.TerminalCredentialService;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The register's pages about canteens (/register/canteens): the list, a canteen with its menu and terminals, and the
 * forms that register a canteen, change its menu and register, deactivate or re-key its terminals. A terminal's secret
 * is in the answer to the form that issued it, shown by the page's script that once.
 */
@Path("/register/canteens")
@Tag(name = "register pages")
@RolesAllowed(Roles.ADMINISTRATOR)
public class CanteenPagesResource {

    /** Rows of the new-canteen form: blank rows are left out. */
    static final int MENU_ROWS = 4;
    static final int TERMINAL_ROWS = 2;

    @CheckedTemplate(basePath = "register")
    static class Templates {
        static native TemplateInstance canteens(Chrome chrome, List<CanteenRow> canteens);

        static native TemplateInstance canteen(Chrome chrome, CanteenSheet sheet);

        static native TemplateInstance newCanteen(Chrome chrome, NewCanteenForm form);
    }

    private final RegisterPageService pages;
    private final RegisterService register;
    private final TerminalCredentialService credentials;
    private final CurrentPerson person;

    public CanteenPagesResource(RegisterPageService pages, RegisterService register,
                                TerminalCredentialService credentials, CurrentPerson person) {
        this.pages = pages;
        this.register = register;
        this.credentials = credentials;
        this.person = person;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "食堂列表页面")
    public TemplateInstance list() {
        return Templates.canteens(chrome("食堂与终端", null), pages.canteens());
    }

    @GET
    @Path("/new")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "登记食堂页面")
    public TemplateInstance newCanteen() {
        return Templates.newCanteen(chrome("登记食堂", null), new NewCanteenForm(pages.jurisdictions(),
                RegisterPageService.slots(MealSlot.LUNCH), IntStream.range(0, MENU_ROWS).boxed().toList(),
                IntStream.range(0, TERMINAL_ROWS).boxed().toList()));
    }

    @GET
    @Path("/{code}")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "一个食堂的页面：菜单与终端")
    public Response canteen(@PathParam("code") String code, @QueryParam("done") String done) {
        try {
            CanteenSheet sheet = pages.canteen(code);
            return Response.ok(Templates.canteen(chrome("食堂：" + sheet.canteen().name(), done), sheet)).build();
        } catch (ApiException e) {
            if (!ErrorCodes.UNKNOWN_CANTEEN.equals(e.code())) {
                throw e;
            }
            return Response.status(Response.Status.NOT_FOUND).entity(SeniorPagesResource.Templates.notFound(
                    chrome("未找到", null), e.messageZh(), RegisterNav.CANTEENS.href())).build();
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "页面表单：登记食堂（菜单、终端；终端密钥只显示这一次）")
    public PageOutcome register(Map<String, String> fields) {
        PageForm form = new PageForm(fields);
        List<NewCanteen.MenuItem> menu = new ArrayList<>();
        for (int i = 0; i < MENU_ROWS; i++) {
            String p = "menu" + i + ".";
            if (form.text(p + "code").isPresent() || form.text(p + "name").isPresent()
                    || form.text(p + "price").isPresent()) {
                menu.add(menuItem(form, p, "第" + (i + 1) + "个套餐的"));
            }
        }
        List<NewCanteen.NewTerminal> terminals = new ArrayList<>();
        for (int i = 0; i < TERMINAL_ROWS; i++) {
            String p = "terminal" + i + ".";
            if (form.text(p + "code").isPresent() || form.text(p + "name").isPresent()) {
                terminals.add(terminal(form, p, "第" + (i + 1) + "台终端的"));
            }
        }
        Money standard = form.yuan("standardSetPrice", "标准套餐价格");
        NewCanteen command = InvalidRequest.converting(() -> new NewCanteen(form.required("code", "食堂编码"),
                form.required("name", "食堂名称"), form.required("jurisdiction", "辖区"),
                form.required("district", "区"), form.required("subdistrict", "街镇"),
                form.text("address").orElse(null), standard, menu, terminals));
        CanteenRegistered registered = register.registerCanteen(command, person.username());
        String next = "/register/canteens/" + registered.canteen().code();
        return PageOutcome.showingOnce(next, registered.terminalSecrets());
    }

    @POST
    @Path("/{code}/menu")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "页面表单：新增套餐或修改套餐的名称、餐次、价格")
    public PageOutcome putMealSet(@PathParam("code") String code, Map<String, String> fields) {
        PageForm form = new PageForm(fields);
        register.putMealSet(code, menuItem(form, "", ""));
        return PageOutcome.to(canteenPage(code, "meal-set"));
    }

    @POST
    @Path("/{code}/public-contact")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "页面表单：设置信息公开页面上的营业时间与对外电话（空则清除）")
    public PageOutcome setPublicContact(@PathParam("code") String code, Map<String, String> fields) {
        PageForm form = new PageForm(fields);
        PublicContact contact = InvalidRequest.converting(() -> new PublicContact(
                form.text("openingHours").orElse(null), form.text("publicPhone").orElse(null)));
        register.setPublicContact(code, contact);
        return PageOutcome.to(canteenPage(code, "public-contact"));
    }

    @POST
    @Path("/{code}/menu/{set}/active")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "页面表单：停用或恢复套餐")
    public PageOutcome setMealSetActive(@PathParam("code") String code, @PathParam("set") String set,
                                        Map<String, String> fields) {
        register.setMealSetActive(code, set, active(new PageForm(fields)));
        return PageOutcome.to(canteenPage(code, "meal-set"));
    }

    @POST
    @Path("/{code}/terminals")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "页面表单：新增终端（密钥只显示这一次）")
    public PageOutcome addTerminal(@PathParam("code") String code, Map<String, String> fields) {
        PageForm form = new PageForm(fields);
        TerminalRegistered registered = register.registerTerminal(code, terminal(form, "", ""), person.username());
        return PageOutcome.showingOnce("/register/canteens/" + code, List.of(registered.secret()));
    }

    @POST
    @Path("/{code}/terminals/{terminal}/active")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "页面表单：停用或启用终端")
    public PageOutcome setTerminalActive(@PathParam("code") String code, @PathParam("terminal") String terminal,
                                         Map<String, String> fields) {
        requireTerminalOf(code, terminal);
        register.setTerminalActive(terminal, active(new PageForm(fields)));
        return PageOutcome.to(canteenPage(code, "terminal"));
    }

    @POST
    @Path("/{code}/terminals/{terminal}/secret")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "页面表单：签发新的终端密钥（旧密钥立即失效；新密钥只显示这一次）")
    public PageOutcome issueSecret(@PathParam("code") String code, @PathParam("terminal") String terminal) {
        requireTerminalOf(code, terminal);
        return PageOutcome.showingOnce("/register/canteens/" + code,
                List.of(credentials.issue(terminal, person.username())));
    }

    private void requireTerminalOf(String canteen, String terminal) {
        boolean ours = register.canteen(canteen).terminals().stream().anyMatch(t -> t.code().equals(terminal));
        if (!ours) {
            throw new ApiException(ErrorCodes.UNKNOWN_TERMINAL, "该食堂没有这台终端");
        }
    }

    private static NewCanteen.MenuItem menuItem(PageForm form, String prefix, String what) {
        String code = form.required(prefix + "code", what + "套餐编码");
        String name = form.required(prefix + "name", what + "套餐名称");
        MealSlot slot = form.choice(MealSlot.class, prefix + "slot", what + "餐次");
        Money price = form.yuan(prefix + "price", what + "价格");
        return InvalidRequest.converting(() -> new NewCanteen.MenuItem(code, name, slot, price));
    }

    private static NewCanteen.NewTerminal terminal(PageForm form, String prefix, String what) {
        String code = form.required(prefix + "code", what + "终端编码");
        String name = form.required(prefix + "name", what + "终端名称");
        return InvalidRequest.converting(() -> new NewCanteen.NewTerminal(code, name));
    }

    private static boolean active(PageForm form) {
        return "true".equals(form.required("active", "启用或停用"));
    }

    private Chrome chrome(String title, String done) {
        return RegisterNav.CANTEENS.chrome(title, pages.who(person.username()), done);
    }

    private static String canteenPage(String code, String done) {
        return "/register/canteens/" + code + "?done=" + done;
    }
}
