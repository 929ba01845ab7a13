package cn.laorenjia.settlement.register.service;

import cn.laorenjia.core.senior.Fact;
import cn.laorenjia.core.senior.IdNumber;
import cn.laorenjia.settlement.register.entity.Canteen;
import cn.laorenjia.settlement.register.entity.Card;
import cn.laorenjia.settlement.register.entity.MealSet;
import cn.laorenjia.settlement.register.entity.Senior;
import cn.laorenjia.settlement.register.entity.SeniorFact;
import cn.laorenjia.settlement.register.entity.Terminal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.List;

/** Keeps the register: canteens with menus and terminals, seniors with their facts and cards. */
@ApplicationScoped
public class RegisterService {

    private final EntityManager em;

    public RegisterService(EntityManager em) {
        this.em = em;
    }

    @Transactional
    public Canteen registerCanteen(NewCanteen command) {
        Canteen canteen = new Canteen();
        canteen.code = command.code();
        canteen.name = command.name();
        canteen.jurisdiction = command.jurisdiction();
        canteen.district = command.district();
        canteen.subdistrict = command.subdistrict();
        canteen.address = command.address();
        canteen.standardSetPriceFen = command.standardSetPrice().fen();
        for (NewCanteen.MenuItem item : command.menu()) {
            MealSet set = new MealSet();
            set.canteen = canteen;
            set.code = item.code();
            set.name = item.name();
            set.slot = item.slot();
            set.priceFen = item.price().fen();
            canteen.menu.add(set);
        }
        for (NewCanteen.NewTerminal t : command.terminals()) {
            Terminal terminal = new Terminal();
            terminal.canteen = canteen;
            terminal.code = t.code();
            terminal.name = t.name();
            canteen.terminals.add(terminal);
        }
        em.persist(canteen);
        return canteen;
    }

    @Transactional
    public Senior registerSenior(NewSenior command) {
        IdNumber id = command.idNumber();
        Senior senior = new Senior();
        senior.idNumber = id.value();
        senior.name = command.name();
        senior.birthDate = id.birthDate();
        senior.male = id.isMale();
        senior.phone = command.phone();
        senior.district = command.district();
        senior.subdistrict = command.subdistrict();
        for (Fact fact : command.facts()) {
            senior.facts.add(SeniorFact.of(senior, fact));
        }
        for (NewSenior.NewCard c : command.cards()) {
            Card card = new Card();
            card.senior = senior;
            card.kind = c.kind();
            card.identifier = c.identifier();
            card.issuedOn = c.issuedOn();
            senior.cards.add(card);
        }
        em.persist(senior);
        return senior;
    }

    /**
     * Registers a whole register in one transaction, unless the register already holds canteens.
     * A transaction-scoped advisory lock makes concurrent first starts of several instances load it once.
     *
     * @return whether anything was loaded
     */
    @Transactional
    public boolean registerIfEmpty(List<NewCanteen> canteens, List<NewSenior> seniors) {
        em.createNativeQuery("select pg_advisory_xact_lock(hashtext('laorenjia.register.initial-load'))")
                .getSingleResult();
        if (Canteen.count() > 0) {
            return false;
        }
        int n = 0;
        for (NewCanteen c : canteens) {
            registerCanteen(c);
        }
        for (NewSenior s : seniors) {
            registerSenior(s);
            if (++n % 200 == 0) {
                // keep the persistence context small while loading thousands of seniors
                em.flush();
                em.clear();
            }
        }
        return true;
    }
}
