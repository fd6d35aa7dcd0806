package io.mycelium.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The standalone edge's flags: a mistake says what is wrong in one line and exits 2, before anything listens. */
class EdgeMainTest {
    private record Run(int code, String err) {
    }

    private static Run run(String... args) {
        CommandLine cl = EdgeMain.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        return new Run(cl.execute(args), err.toString());
    }

    @Test
    void aRouteIsRequired() {
        Run r = run("--port", "0");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--route");
    }

    @Test
    void badValuesAreNamed() {
        assertThat(run("--route", "app=127.0.0.1").err()).contains("'127.0.0.1' is not host:port");
        assertThat(run("--route", "app=127.0.0.1:x").err()).contains("'x' is not a port");
        assertThat(run("--route", "app=127.0.0.1:9", "--timeout", "soon").err()).contains("--timeout soon: use e.g. 500ms or 30s");
        assertThat(run("--route", "app=127.0.0.1:9", "--balancing", "random").err()).contains("use p2c or rr");
        assertThat(run("--route", "app=127.0.0.1:9", "--timeout", "soon").code()).isEqualTo(2);
        assertThat(run("--nope").code()).isEqualTo(2);
    }

    @Test
    void durationsInMillisecondsOrSeconds() {
        assertThat(EdgeMain.duration("500ms").toMillis()).isEqualTo(500);
        assertThat(EdgeMain.duration("30s").toSeconds()).isEqualTo(30);
    }
}
