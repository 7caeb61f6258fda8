using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Obol.Storage.Sqlite;

/// <summary>
/// Moves the WAL back into the database file off the committer's thread. SQLite's own auto-checkpoint runs inside the
/// commit that crosses the threshold, so every reply waiting on the committer waited for the whole copy and both fsyncs
/// (150–180 ms stalls, a quarter of the committer's time under the session lifecycle). Here a thread of its own copies
/// the bulk with PASSIVE checkpoints on its own connection, beside the writer; only the last few frames are copied
/// by the committer between two batches, after which SQLite starts the WAL over on the next write.
/// </summary>
internal sealed class WalCheckpointer : IDisposable
{
    // Frames left for the committer's own pass: a copy short enough not to be felt by the batch that follows it.
    private const int FinishFrames = 256;

    // Passes before the committer takes over anyway, so a writer faster than the copy cannot keep the thread forever.
    private const int MaxPasses = 8;

    private const int Idle = 0;
    private const int Copying = 1;
    private const int ReadyToFinish = 2;

    private readonly SqliteConnection _writer;
    private readonly SqliteConnection _own;
    private readonly int _thresholdFrames;
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private long _framesSinceCheckpoint;
    private long _backgroundPasses;
    private long _walRestarts;
    private int _state;

    /// <param name="writer">The committer's connection; <see cref="AfterCommit"/> runs on its thread.</param>
    /// <param name="own">An open connection to the same file for the background copies; owned from now on.</param>
    /// <param name="thresholdFrames">WAL frames written since the last checkpoint that start the next one.</param>
    public WalCheckpointer(SqliteConnection writer, SqliteConnection own, int thresholdFrames)
    {
        _writer = writer;
        _own = own;
        _thresholdFrames = Math.Max(1, thresholdFrames);
        _thread = new Thread(Run) { IsBackground = true, Name = "obol-wal-checkpoint" };
        _thread.Start();
    }

    /// <summary>PASSIVE checkpoints run on the background connection.</summary>
    public long BackgroundPasses => Interlocked.Read(ref _backgroundPasses);

    /// <summary>Checkpoints the committer finished, after which the WAL starts over at the next write.</summary>
    public long Finishes => Interlocked.Read(ref _walRestarts);

    /// <summary>On the committer's thread after each commit: counts the frames it wrote, starts the background copy at
    /// the threshold and copies what the copy left once it is done.</summary>
    public void AfterCommit()
    {
        _ = raw.sqlite3_db_status(_writer.Handle, raw.SQLITE_DBSTATUS_CACHE_WRITE, out var written, out _, 1);
        _framesSinceCheckpoint += written;
        switch (Volatile.Read(ref _state))
        {
            case Idle when _framesSinceCheckpoint >= _thresholdFrames:
                _framesSinceCheckpoint = 0;
                Volatile.Write(ref _state, Copying);
                _wake.Release();
                break;
            case ReadyToFinish:
                // The writer's own pass: no other writer can add frames meanwhile, so it reaches the end of the WAL
                // (unless a reader still uses old frames), and SQLite restarts the WAL at the next write.
                _ = raw.sqlite3_wal_checkpoint_v2(_writer.Handle, "main", raw.SQLITE_CHECKPOINT_PASSIVE, out _, out _);
                Interlocked.Increment(ref _walRestarts);
                Volatile.Write(ref _state, Idle);
                break;
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join();
        _own.Dispose();
        _wake.Dispose();
        _stop.Dispose();
    }

    private void Run()
    {
        var stop = _stop.Token;
        while (true)
        {
            try
            {
                _wake.Wait(stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            // Each pass copies what the WAL held when it began; the writer appends meanwhile, so passes repeat until one
            // found few new frames.
            var previous = 0;
            for (var pass = 0; pass < MaxPasses && !stop.IsCancellationRequested; pass++)
            {
                var rc = raw.sqlite3_wal_checkpoint_v2(_own.Handle, "main", raw.SQLITE_CHECKPOINT_PASSIVE, out var log, out _);
                Interlocked.Increment(ref _backgroundPasses);
                if (rc != raw.SQLITE_OK || log - previous <= FinishFrames)
                {
                    break;
                }
                previous = log;
            }
            Volatile.Write(ref _state, ReadyToFinish);
        }
    }
}
