package io.mycelium.console.model;

import io.mycelium.console.format.Formats;
import io.mycelium.console.view.ViewKind;
import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.model.Json;
import java.util.ArrayList;
import java.util.List;

/** The lines of "describe" for the selected row of a view: every field, then the record behind it. */
final class Describe {
    private Describe() {
    }

    static List<String> of(ViewKind view, String key, ClusterSnapshot s, ClusterView v) {
        List<String> out = new ArrayList<>();
        switch (view) {
            case NODES, GRAPH -> s.nodes().stream().filter(n -> n.id().equals(key)).findFirst().ifPresent(n -> {
                out.add("node " + n.id() + " (" + n.role() + ", " + n.status() + (n.visible() ? "" : ", not seen by this console") + ")");
                out.add("api        " + (n.apiUrl().isEmpty() ? "-" : n.apiUrl()));
                out.add("cpu        " + n.cpuUsedMilli() + " of " + n.cpuTotalMilli() + " milli (" + Formats.percent(n.cpuUsedMilli(), n.cpuTotalMilli()) + ")");
                out.add("memory     " + n.memoryUsedMb() + " of " + n.memoryTotalMb() + " MiB (" + Formats.percent(n.memoryUsedMb(), n.memoryTotalMb()) + ")");
                out.add("instances  " + n.instances() + " active, " + n.ready() + " ready");
                out.add("labels     " + (n.labels().isEmpty() ? "-" : n.labels().toString()));
                out.add("newest record " + Formats.age(n.ageMs()) + " ago");
            });
            case APPS, ROLLOUTS -> {
                s.apps().stream().filter(a -> a.app().equals(key)).findFirst().ifPresent(a -> {
                    out.add("app " + a.app() + ": " + a.ready() + "/" + a.desired() + " ready, " + a.failing() + " failing, plan revision " + a.revision());
                    out.add("traffic    " + Formats.rate(a.rps()) + ", p99 " + Formats.millis(a.p99Ms()) + (a.sloP99Ms() > 0 ? " (SLO " + a.sloP99Ms() + "ms)" : ""));
                });
                s.explanations().stream().filter(e -> e.app().equals(key))
                        .forEach(e -> out.add("slot " + e.slot() + "     " + e.kind().name().toLowerCase(java.util.Locale.ROOT) + ": " + e.text()));
                s.rollouts().stream().filter(r -> r.app().equals(key)).findFirst().ifPresent(r -> {
                    out.add("rollout    " + r.strategy() + ", " + r.phase() + ", step " + r.stepName() + " (" + (r.step() + 1) + "/" + r.steps() + ")");
                    out.add("stable     " + r.stable() + ", desired " + r.desired());
                    out.add("weights    " + (r.weights().isEmpty() ? "-" : r.weights()));
                    out.add("ready      " + (r.ready().isEmpty() ? "-" : r.ready()));
                    out.add("analysis   " + r.analysis());
                    out.add("why        " + r.reason());
                });
                v.plan(key).ifPresent(p -> {
                    out.add("plan:");
                    out.add("  " + Json.write(p));
                });
            }
            case INSTANCES, LOGS -> s.instances().stream().filter(i -> i.id().equals(key)).findFirst().ifPresent(i -> {
                out.add("instance " + i.id() + " of " + i.app() + ", slot " + i.slot() + " on " + i.node() + (i.nodeVisible() ? "" : " (node not seen)"));
                out.add("state      " + i.state() + ", " + i.restarts() + " restarts" + (i.pid() > 0 ? ", pid " + i.pid() : ""));
                out.add("revision   " + i.digest());
                out.add("endpoint   " + (i.endpoint().isEmpty() ? "-" : i.endpoint()));
                out.add("message    " + (i.message().isEmpty() ? "-" : i.message()));
                out.add("record     " + Formats.age(i.ageMs()) + " old");
            });
            case EVENTS -> s.events().stream().filter(e -> e.key().equals(key)).findFirst()
                    .ifPresent(e -> {
                        out.add(e.kind().name().toLowerCase(java.util.Locale.ROOT) + " " + e.subject());
                        out.add(e.text());
                        out.add("signed by  " + (e.signer().isEmpty() ? "-" : e.signer()) + " (" + e.trust().name().toLowerCase(java.util.Locale.ROOT) + ")");
                    });
        }
        if (out.isEmpty()) {
            out.add("nothing to describe: " + key + " is not in " + s.cluster() + " any more");
        }
        return out;
    }
}
