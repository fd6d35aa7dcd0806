package io.mycelium.fabric.rollout;

import static io.mycelium.fabric.rollout.World.ALICE;
import static io.mycelium.fabric.rollout.World.APP;
import static io.mycelium.fabric.rollout.World.BOB;

import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.model.RolloutCommand;

/** Commands two operators sign from the same (soon stale) view. */
final class RolloutCommandsTestSupport {
    private RolloutCommandsTestSupport() {
    }

    static void promoteTwiceFromTheSameView(World w) {
        ClusterView seen = w.view();
        long h1 = w.hlc();
        RolloutCommand a = RolloutCommands.promote(seen, APP, h1, "alice");
        w.submit(ALICE, a, h1);
        long h2 = w.hlc();
        RolloutCommand b = RolloutCommands.promote(seen, APP, h2, "bob");
        w.submit(BOB, b, h2);
    }
}
