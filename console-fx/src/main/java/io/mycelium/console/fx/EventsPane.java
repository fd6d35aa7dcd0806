package io.mycelium.console.fx;

import io.mycelium.console.events.AuditEvent;
import io.mycelium.console.format.Formats;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** The audit trail: every change and operator command, with the key that signed it and whether it verifies. */
final class EventsPane extends TableView<AuditEvent> {
    private long nowMs;
    private List<AuditEvent> shown = List.of();

    EventsPane() {
        setId("events");
        getColumns().add(column("age", 60, e -> Formats.age(Math.max(0, nowMs - e.atMs()))));
        getColumns().add(column("cluster", 80, AuditEvent::cluster));
        getColumns().add(column("kind", 70, e -> e.kind().name().toLowerCase(Locale.ROOT)));
        getColumns().add(column("subject", 130, AuditEvent::subject));
        getColumns().add(column("what", 520, AuditEvent::text));
        getColumns().add(column("signed by", 110, e -> e.signer().isEmpty() ? "-" : e.signer()));
        getColumns().add(column("signature", 90, e -> e.trust().name().toLowerCase(Locale.ROOT)));
        setPlaceholder(new javafx.scene.control.Label("no events yet"));
    }

    private TableColumn<AuditEvent, String> column(String name, double width, Function<AuditEvent, String> cell) {
        TableColumn<AuditEvent, String> c = new TableColumn<>(name);
        c.setPrefWidth(width);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(cell.apply(d.getValue())));
        return c;
    }

    void show(List<AuditEvent> newestFirst, long now) {
        nowMs = now;
        if (!newestFirst.equals(shown)) {
            shown = newestFirst;
            getItems().setAll(newestFirst);
        } else {
            refresh();
        }
    }
}
