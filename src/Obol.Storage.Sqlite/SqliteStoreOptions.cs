namespace Obol.Storage.Sqlite;

/// <summary>How <see cref="SqliteStore"/> trades durability for speed.</summary>
public sealed record SqliteStoreOptions
{
    /// <summary>
    /// False (default): <c>synchronous=NORMAL</c> — each commit writes its WAL frames to the OS before the waiters are
    /// acknowledged, and the WAL is fsynced at checkpoints. An acknowledged write survives the process being killed
    /// (SIGKILL, crash, OOM kill); a power cut or kernel panic may lose the last commits, never corrupting the file.
    /// True: <c>synchronous=FULL</c>, one WAL fsync per group commit, which survives power loss too.
    /// </summary>
    /// <remarks>
    /// Why NORMAL by default: the target is 10,000 durable SetBalance/s from 32 concurrent clients on 2 cores. With 32
    /// clients each waiting for its own commit, throughput is at most 32 / commit latency; a commit with an fsync took
    /// ~2.7 ms on the reference machine, so FULL measured ~6,800 saves/s (18 saves per commit) against ~32,000 with
    /// NORMAL. Choose FULL where the disk fsyncs fast (battery-backed cache, NVMe) or power loss must not cost a debit.
    /// </remarks>
    public bool FlushEveryCommit { get; init; }

    /// <summary>
    /// WAL pages (4 KiB) written before a commit copies them back into the database file (<c>wal_autocheckpoint</c>).
    /// </summary>
    /// <remarks>
    /// The checkpoint runs on the committing thread, so the committer's waiters wait for it, and a page changed again
    /// between two checkpoints is copied once. SQLite's 1,000 made the session lifecycle (about eight durable writes per
    /// call) checkpoint several times a second: 666–695 sessions/s against 824–977 with 20,000 and 865 with 10,000
    /// (`bench/sessions.sh`, 2026-11-26). 10,000 bounds the WAL at about 40 MiB, replayed in well under a second on restart.
    /// </remarks>
    public int CheckpointPages { get; init; } = 10_000;

    /// <summary>The most operations one transaction takes; the rest wait for the next commit.</summary>
    public int MaxBatchSize { get; init; } = 4096;

    /// <summary>Stamps the tariff-plan load history.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
