using Obol.Primitives;

namespace Obol.Config;

/// <summary>
/// <c>data_db</c>: where runtime data lives. Obol serves <c>*internal</c> only; the other types are accepted so that
/// CGRateS files load, and the engine decides what to do with them.
/// </summary>
public sealed record DataDbConfig
{
    /// <summary><c>*internal</c>, <c>*redis</c> or <c>*mongo</c> (a type written without '*' is normalised).</summary>
    public string DbType { get; init; } = "*internal";
    public string DbHost { get; init; } = "";
    /// <summary>The port; -1 in the file picks the usual port of <see cref="DbType"/>.</summary>
    public int DbPort { get; init; }
    public string DbName { get; init; } = "";
    public string DbUser { get; init; } = "";
    public string DbPassword { get; init; } = "";
    public IReadOnlyList<string> RemoteConns { get; init; } = [];
    public string RemoteConnId { get; init; } = "";
    public IReadOnlyList<string> ReplicationConns { get; init; } = [];
    public bool ReplicationFiltered { get; init; }
    public string ReplicationCache { get; init; } = "";
    public string ReplicationFailedDir { get; init; } = "";
    public Usage ReplicationInterval { get; init; }
    public InternalDbOptions Internal { get; init; } = new();
}

/// <summary><c>stor_db</c>: CDRs, session costs and tariff plans kept by TPid.</summary>
public sealed record StorDbConfig
{
    /// <summary><c>*internal</c>, <c>*mysql</c>, <c>*postgres</c> or <c>*mongo</c>.</summary>
    public string DbType { get; init; } = "*internal";
    public string DbHost { get; init; } = "";
    public int DbPort { get; init; }
    public string DbName { get; init; } = "";
    public string DbUser { get; init; } = "";
    public string DbPassword { get; init; } = "";
    public IReadOnlyList<string> StringIndexedFields { get; init; } = [];
    public IReadOnlyList<string> PrefixIndexedFields { get; init; } = [];
    public IReadOnlyList<string> RemoteConns { get; init; } = [];
    public IReadOnlyList<string> ReplicationConns { get; init; } = [];
    public InternalDbOptions Internal { get; init; } = new();
    public int SqlMaxOpenConns { get; init; }
    public int SqlMaxIdleConns { get; init; }
    public Usage SqlConnMaxLifetime { get; init; }
}

/// <summary>
/// The <c>internalDB*</c> options of a database's <c>opts</c>: CGRateS's own keys for where and how often the
/// <c>*internal</c> store persists, which Obol uses for its embedded store instead of inventing new ones.
/// </summary>
public sealed record InternalDbOptions
{
    public string DumpPath { get; init; } = "";
    public string BackupPath { get; init; } = "";
    public Usage StartTimeout { get; init; }
    /// <summary>0 never dumps; -1 (read as -1ns) dumps on every write.</summary>
    public Usage DumpInterval { get; init; }
    /// <summary>0 never, -1 at start, -2 at shutdown.</summary>
    public Usage RewriteInterval { get; init; }
    /// <summary>Size with a unit, as written (<c>1GB</c>).</summary>
    public string FileSizeLimit { get; init; } = "";
}
