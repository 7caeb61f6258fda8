using System.Text.Json;
using Obol.Primitives;

namespace Obol.Config;

/// <summary>The <c>ers</c> section: event readers, turning files of records into events for SessionS.</summary>
public sealed record ErsConfig
{
    public bool Enabled { get; init; }
    public IReadOnlyList<string> SessionsConns { get; init; } = [];
    public IReadOnlyList<string> EesConns { get; init; } = [];
    public IReadOnlyList<string> StatsConns { get; init; } = [];
    public IReadOnlyList<string> ThresholdsConns { get; init; } = [];
    public int ConcurrentEvents { get; init; } = 1;
    public Usage PartialCacheTtl { get; init; }
    /// <summary>
    /// In CGRateS's order: the defaults' <c>*default</c> reader (type <c>*none</c>, reads nothing) first, then the
    /// configured ones; a reader whose id repeats one already listed was merged into it.
    /// </summary>
    public IReadOnlyList<EventReaderConfig> Readers { get; init; } = [];
}

/// <summary>One event reader.</summary>
public sealed record EventReaderConfig
{
    public string Id { get; init; } = "";
    /// <summary><c>*file_csv</c>, <c>*file_json</c>, ...; <c>*none</c> reads nothing.</summary>
    public string Type { get; init; } = "";
    /// <summary>Between two scans of <see cref="SourcePath"/>; zero never scans, negative watches the folder.</summary>
    public Usage RunDelay { get; init; }
    public Usage StartDelay { get; init; }
    public int ConcurrentRequests { get; init; }
    public string SourcePath { get; init; } = "";
    public string ProcessedPath { get; init; } = "";
    /// <summary>An RSR rule (a constant, or <c>~*req.…</c>); empty takes general.default_tenant.</summary>
    public string Tenant { get; init; } = "";
    public string Timezone { get; init; } = "";
    public IReadOnlyList<string> Filters { get; init; } = [];
    public IReadOnlyList<string> Flags { get; init; } = [];
    /// <summary>opts.csvRowLength: 0 takes the first record's length, -1 checks none.</summary>
    public int CsvRowLength { get; init; }
    public string CsvFieldSeparator { get; init; } = ",";
    public string CsvHeaderDefineChar { get; init; } = ":";
    public bool CsvLazyQuotes { get; init; }
    public bool IgnoreErroredItems { get; init; }
    /// <summary>A broker reader's further connection attempts after a failure; -1 keeps trying.</summary>
    public int Reconnects { get; init; } = -1;
    /// <summary>The cap on a broker reader's back-off between attempts (1 s, 1 s, 2 s, 3 s, 5 s, …); zero is no cap.</summary>
    public Usage MaxReconnectInterval { get; init; }
    /// <summary>Exporters (through <c>ers.ees_conns</c>) that get the raw record of every event SessionS handled.</summary>
    public IReadOnlyList<string> EesSuccessIds { get; init; } = [];
    /// <summary>Exporters that get the raw record of every event SessionS answered with an error.</summary>
    public IReadOnlyList<string> EesFailedIds { get; init; } = [];
    /// <summary>Type-specific options, as written.</summary>
    public IReadOnlyDictionary<string, JsonElement> Opts { get; init; } = new Dictionary<string, JsonElement>();
    /// <summary>Paths <c>*cgreq.X</c> (the event), <c>*opts.X</c> (its APIOpts) or <c>*vars.X</c>.</summary>
    public IReadOnlyList<FieldTemplate> Fields { get; init; } = [];
}
