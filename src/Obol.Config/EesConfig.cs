using System.Text.Json;
using Obol.Primitives;

namespace Obol.Config;

/// <summary>The <c>ees</c> section: event exporters.</summary>
public sealed record EesConfig
{
    public bool Enabled { get; init; }
    public IReadOnlyList<string> AttributesConns { get; init; } = [];
    /// <summary>Per exporter type: how long exporters stay open between events.</summary>
    public IReadOnlyDictionary<string, CachePartitionConfig> Cache { get; init; } = new Dictionary<string, CachePartitionConfig>();
    public string FailedPostsDir { get; init; } = "";
    public Usage FailedPostsTtl { get; init; }
    public bool FailedPostsStaticTtl { get; init; }
    /// <summary>
    /// In CGRateS's order: the defaults' <c>*default</c> exporter (type <c>*none</c>, exports nothing) first, then
    /// the configured ones; an exporter whose id repeats one already listed was merged into it.
    /// </summary>
    public IReadOnlyList<ExporterConfig> Exporters { get; init; } = [];

    /// <summary>The exporter with this id, or null.</summary>
    public ExporterConfig? Exporter(string id) => Exporters.FirstOrDefault(e => e.Id == id);
}

/// <summary>One event exporter.</summary>
public sealed record ExporterConfig
{
    public string Id { get; init; } = "";
    /// <summary><c>*file_csv</c>, <c>*file_fwv</c>, <c>*http_post</c>, ...; <c>*none</c> exports nothing.</summary>
    public string Type { get; init; } = "";
    public string ExportPath { get; init; } = "";
    public string FailedPostsDir { get; init; } = "";
    public int ConcurrentRequests { get; init; }
    public string Timezone { get; init; } = "";
    public IReadOnlyList<string> Filters { get; init; } = [];
    public IReadOnlyList<string> Flags { get; init; } = [];
    public IReadOnlyList<string> AttributeIds { get; init; } = [];
    public string AttributeContext { get; init; } = "";
    public bool Synchronous { get; init; }
    public int Attempts { get; init; }
    public string MetricsResetSchedule { get; init; } = "";
    /// <summary><c>opts.csvFieldSeparator</c>, or the older <c>field_separator</c> key; "," when neither is set.</summary>
    public string FieldSeparator { get; init; } = ",";
    /// <summary>Type-specific options, as written (<c>kafkaTopic</c>, <c>sqlTableName</c>, ...).</summary>
    public IReadOnlyDictionary<string, JsonElement> Opts { get; init; } = new Dictionary<string, JsonElement>();
    public IReadOnlyList<FieldTemplate> Fields { get; init; } = [];
}

/// <summary>One field of an export or import template.</summary>
public sealed record FieldTemplate
{
    public string Tag { get; init; } = "";
    /// <summary><c>*exp.CGRID</c>, <c>*hdr.…</c>, <c>*trl.…</c>, ...</summary>
    public string Path { get; init; } = "";
    /// <summary><c>*variable</c>, <c>*constant</c>, <c>*composed</c>, <c>*filler</c>, ...</summary>
    public string Type { get; init; } = "";
    /// <summary>An RSR rule such as <c>~*req.Usage{*duration_seconds}</c>.</summary>
    public string Value { get; init; } = "";
    public IReadOnlyList<string> Filters { get; init; } = [];
    public bool Mandatory { get; init; }
    public string Layout { get; init; } = "";
    public int Width { get; init; }
    public string Strip { get; init; } = "";
    public string Padding { get; init; } = "";
    public bool NewBranch { get; init; }
    public string Timezone { get; init; } = "";
    public bool Blocker { get; init; }
    public string AttributeId { get; init; } = "";
    public int CostShiftDigits { get; init; }
    public int? RoundingDecimals { get; init; }
    public string MaskDestinationId { get; init; } = "";
    public int MaskLength { get; init; }
}
