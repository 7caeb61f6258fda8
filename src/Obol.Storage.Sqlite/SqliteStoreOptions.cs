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
    /// WAL pages (4 KiB) written before they are copied back into the database file. The copy runs on a connection and
    /// a thread of its own beside the writer; the writer then copies the last few pages between two batches and the WAL
    /// starts over (<see cref="WalCheckpointer"/>).
    /// </summary>
    /// <remarks>
    /// A page changed again between two checkpoints is copied once, so fewer checkpoints copy less. With SQLite's own
    /// auto-checkpoint, which ran inside the committing batch, 1,000 pages gave 666–695 sessions/s under the session
    /// lifecycle against 865 with 10,000 (`bench/sessions.sh`, 2026-11-26). 10,000 bounds the WAL at about 40–60 MiB,
    /// replayed in well under a second on restart.
    /// </remarks>
    public int CheckpointPages { get; init; } = 10_000;

    /// <summary>The most operations one transaction takes; the rest wait for the next commit.</summary>
    public int MaxBatchSize { get; init; } = 4096;

    /// <summary>Stamps the tariff-plan load history.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
