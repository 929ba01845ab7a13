package cn.laorenjia.settlement.replay.run;

import cn.laorenjia.core.money.Money;
import cn.laorenjia.core.policy.EligibilityRoute;
import cn.laorenjia.settlement.replay.service.ReplayAreaRow;
import cn.laorenjia.settlement.replay.service.ReplayComparison;
import cn.laorenjia.settlement.replay.service.ReplayFigures;
import cn.laorenjia.settlement.replay.service.ReplayLevel;
import cn.laorenjia.settlement.replay.service.ReplayPeriod;
import cn.laorenjia.settlement.replay.service.ReplayReport;
import cn.laorenjia.settlement.replay.service.ReplayRouteRow;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A report as it is kept in {@code policy_replay_run.report}: money in integer fen, dates as ISO text, so it reads
 * back to the fen whatever Jackson's defaults for {@link Money} become.
 */
final class ReplayReportJson {

    private ReplayReportJson() {
    }

    record Figures(long meals, long discountsFen, long operatingSubsidiesFen, long seniorsReached) {
    }

    record Comparison(Figures actual, Figures proposed) {
    }

    record Area(String level, String code, String nameZh, String district, String subdistrict, Comparison figures) {
    }

    record Route(String route, Comparison figures) {
    }

    record Report(String from, String to, String proposedVersionId, String proposedTitleZh, long attemptsReplayed,
                  Comparison total, List<Area> areas, List<Route> routes, long seniorsNewlyReached,
                  long seniorsNoLongerReached, boolean ranOnReplica, String ranAt, long elapsedMillis) {
    }

    static String write(ObjectMapper json, ReplayReport r) {
        Report out = new Report(r.period().from().toString(), r.period().to().toString(), r.proposedVersionId(),
                r.proposedTitleZh(), r.attemptsReplayed(), of(r.total()),
                r.areas().stream().map(a -> new Area(a.level().name(), a.code(), a.nameZh(), a.district(),
                        a.subdistrict(), of(a.figures()))).toList(),
                r.routes().stream().map(x -> new Route(x.route().name(), of(x.figures()))).toList(),
                r.seniorsNewlyReached(), r.seniorsNoLongerReached(), r.ranOnReplica(), r.ranAt().toString(),
                r.elapsed().toMillis());
        try {
            return json.writeValueAsString(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("replay report not serialisable", e);
        }
    }

    static ReplayReport read(ObjectMapper json, String text) {
        Report in;
        try {
            in = json.readValue(text, Report.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored replay report unreadable", e);
        }
        return new ReplayReport(new ReplayPeriod(LocalDate.parse(in.from()), LocalDate.parse(in.to())),
                in.proposedVersionId(), in.proposedTitleZh(), in.attemptsReplayed(), of(in.total()),
                in.areas().stream().map(a -> new ReplayAreaRow(ReplayLevel.valueOf(a.level()), a.code(), a.nameZh(),
                        a.district(), a.subdistrict(), of(a.figures()))).toList(),
                in.routes().stream().map(x -> new ReplayRouteRow(
                        EligibilityRoute.valueOf(x.route()), of(x.figures()))).toList(),
                in.seniorsNewlyReached(), in.seniorsNoLongerReached(), in.ranOnReplica(), Instant.parse(in.ranAt()),
                Duration.ofMillis(in.elapsedMillis()));
    }

    private static Comparison of(ReplayComparison c) {
        return new Comparison(of(c.actual()), of(c.proposed()));
    }

    private static Figures of(ReplayFigures f) {
        return new Figures(f.meals(), f.discounts().fen(), f.operatingSubsidies().fen(), f.seniorsReached());
    }

    private static ReplayComparison of(Comparison c) {
        return new ReplayComparison(of(c.actual()), of(c.proposed()));
    }

    private static ReplayFigures of(Figures f) {
        return new ReplayFigures(f.meals(), Money.ofFen(f.discountsFen()), Money.ofFen(f.operatingSubsidiesFen()),
                f.seniorsReached());
    }
}
