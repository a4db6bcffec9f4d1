package org.siren.daemon.image;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.siren.daemon.SirenException;
import org.siren.daemon.SirenException.Reason;

/**
 * One lock per image name within the daemon. Several names are always taken in sorted order, so two
 * operations on overlapping images cannot deadlock.
 */
public final class ImageLocks {

    private final ConcurrentMap<ImageName, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final ConcurrentMap<ImageName, Integer> uses = new ConcurrentHashMap<>();
    private final long waitMillis;

    public ImageLocks(long waitMillis) {
        this.waitMillis = waitMillis;
    }

    /** Holds the locks of some images until closed. */
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    public Held lock(ImageName... names) {
        ImageName[] sorted = Arrays.stream(names).distinct().sorted().toArray(ImageName[]::new);
        ReentrantLock[] taken = new ReentrantLock[sorted.length];
        int count = 0;
        try {
            for (ImageName name : sorted) {
                ReentrantLock lock = locks.computeIfAbsent(name, n -> new ReentrantLock());
                if (!lock.tryLock(waitMillis, TimeUnit.MILLISECONDS)) {
                    throw new SirenException(Reason.IMAGE_BUSY, "image " + name
                            + " is busy with another operation; try again when it has finished ('sirenctl jobs')");
                }
                taken[count++] = lock;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            release(taken, count);
            throw new SirenException(Reason.FAILED, "interrupted while waiting for image " + Arrays.toString(sorted), e);
        } catch (RuntimeException e) {
            release(taken, count);
            throw e;
        }
        int held = count;
        return () -> release(taken, held);
    }

    /**
     * Marks an image as in use (a build reads its layers) until closed; removing it is refused
     * meanwhile. Several uses may overlap.
     */
    public Held use(ImageName name) {
        try (Held held = lock(name)) {
            uses.merge(name, 1, Integer::sum);
        }
        return () -> uses.computeIfPresent(name, (n, count) -> count > 1 ? count - 1 : null);
    }

    public boolean inUse(ImageName name) {
        return uses.containsKey(name);
    }

    private static void release(ReentrantLock[] taken, int count) {
        for (int i = count - 1; i >= 0; i--) {
            taken[i].unlock();
        }
    }
}
