package io.mycelium.console.fx;

/**
 * Frames of the dashboard's animation timer: frames per second over the last second, and how
 * long the work of a frame took (refresh, panels, paint). Confined to the FX thread.
 */
public final class FrameStats {
    private long windowStart;
    private int inWindow;
    private double fps;
    private long frames;
    private long painted;
    private long worstWorkNanos;

    void frame(long nowNanos, boolean changed, boolean paint, long workNanos) {
        frames++;
        if (paint) {
            painted++;
        }
        worstWorkNanos = Math.max(worstWorkNanos, workNanos);
        if (windowStart == 0) {
            windowStart = nowNanos;
        }
        inWindow++;
        if (nowNanos - windowStart >= 1_000_000_000L) {
            fps = inWindow * 1e9 / (nowNanos - windowStart);
            windowStart = nowNanos;
            inWindow = 0;
        }
    }

    public double fps() {
        return fps;
    }

    public long frames() {
        return frames;
    }

    public long painted() {
        return painted;
    }

    public long worstWorkNanos() {
        return worstWorkNanos;
    }
}
