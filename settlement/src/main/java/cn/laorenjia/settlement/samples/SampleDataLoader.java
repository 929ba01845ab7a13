package cn.laorenjia.settlement.samples;

import cn.laorenjia.fixtures.sample.BaodiGeography;
import cn.laorenjia.fixtures.sample.SampleCanteen;
import cn.laorenjia.fixtures.sample.SampleCashier;
import cn.laorenjia.fixtures.sample.SampleCashiers;
import cn.laorenjia.fixtures.sample.SampleCard;
import cn.laorenjia.fixtures.sample.SampleRegister;
import cn.laorenjia.fixtures.sample.SampleSenior;
import cn.laorenjia.settlement.app.SettlementConfig;
import cn.laorenjia.settlement.cashier.service.CashierRegister;
import cn.laorenjia.settlement.register.entity.Card;
import cn.laorenjia.settlement.register.service.NewCanteen;
import cn.laorenjia.settlement.register.service.NewSenior;
import cn.laorenjia.settlement.register.service.RegisterService;
import cn.laorenjia.settlement.register.service.Subdistricts;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.List;

/** Loads the 宝坻 sample register into an empty database, through the same service administrators use. */
@ApplicationScoped
public class SampleDataLoader {

    private static final Logger LOG = Logger.getLogger(SampleDataLoader.class);

    private final RegisterService register;
    private final SettlementConfig config;
    private final CashierRegister cashiers;
    private final Subdistricts subdistricts;

    public SampleDataLoader(RegisterService register, SettlementConfig config, CashierRegister cashiers,
                            Subdistricts subdistricts) {
        this.register = register;
        this.config = config;
        this.cashiers = cashiers;
        this.subdistricts = subdistricts;
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.sampleData().load()) {
            return;
        }
        long started = System.nanoTime();
        // the sample district's 街镇 list first (also into a register loaded before the list existed): seniors and
        // canteens are placed only in a 街镇 of it
        int added = subdistricts.addMissing(BaodiGeography.DISTRICT, BaodiGeography.subdistricts().stream()
                .map(s -> new Subdistricts.Known(s.name(), s.code())).toList());
        if (added > 0) {
            LOG.infof("Added %d 街镇 of %s to the list", added, BaodiGeography.DISTRICT);
        }
        SampleRegister samples = SampleRegister.baodi();
        List<NewCanteen> canteens = samples.canteens().stream().map(SampleDataLoader::toCommand).toList();
        List<NewSenior> seniors = samples.seniors().stream().map(SampleDataLoader::toCommand).toList();
        if (register.registerIfEmpty(canteens, seniors)) {
            LOG.infof("Loaded the sample register: %d canteens, %d seniors in %d ms",
                    canteens.size(), seniors.size(), (System.nanoTime() - started) / 1_000_000);
        }
        loadCashiers(samples);
    }

    /**
     * The sample canteens' cashiers, into a register without any cashier (also a register loaded before cashiers
     * existed), each through the administrators' service: PIN rules, bcrypt, audit.
     */
    private void loadCashiers(SampleRegister samples) {
        if (cashiers.any()) {
            return;
        }
        int added = 0;
        for (SampleCashier c : SampleCashiers.of(samples.canteens())) {
            try {
                cashiers.add(c.canteenCode(), c.number(), c.name(), c.pin());
                added++;
            } catch (RuntimeException e) {
                // a sample canteen an administrator never registered (or renamed): its cashiers are left out
                LOG.debugf("sample cashier %s not added: %s", c, e.getMessage());
            }
        }
        LOG.infof("Loaded %d sample cashiers (demo counter: cashier %s, PIN in README)", added,
                SampleCashiers.DEMO_NUMBER);
    }

    static NewCanteen toCommand(SampleCanteen c) {
        return new NewCanteen(c.code(), c.name(), c.jurisdiction(), c.district(), c.subdistrict(), c.address(),
                c.standardSetPrice(),
                c.menu().stream().map(m -> new NewCanteen.MenuItem(m.code(), m.name(), m.slot(), m.price())).toList(),
                c.terminals().stream().map(t -> new NewCanteen.NewTerminal(t.code(), t.name())).toList());
    }

    static NewSenior toCommand(SampleSenior s) {
        return new NewSenior(s.idNumber(), s.name(), s.phone(), s.district(), s.subdistrict(), s.facts(),
                s.cards().stream().map(SampleDataLoader::toCommand).toList());
    }

    private static NewSenior.NewCard toCommand(SampleCard c) {
        return new NewSenior.NewCard(Card.Kind.valueOf(c.kind().name()), c.identifier(), c.issuedOn());
    }
}
