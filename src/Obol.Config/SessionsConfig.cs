using Obol.Primitives;

namespace Obol.Config;

/// <summary>The <c>sessions</c> section: SessionS, the prepaid debit loop and its connections.</summary>
public sealed record SessionsConfig
{
    public bool Enabled { get; init; }
    public IReadOnlyList<string> ApiersConns { get; init; } = [];
    public IReadOnlyList<string> ChargersConns { get; init; } = [];
    public IReadOnlyList<string> RalsConns { get; init; } = [];
    public IReadOnlyList<string> CdrsConns { get; init; } = [];
    public IReadOnlyList<string> IpsConns { get; init; } = [];
    public IReadOnlyList<string> ResourcesConns { get; init; } = [];
    public IReadOnlyList<string> ThresholdsConns { get; init; } = [];
    public IReadOnlyList<string> StatsConns { get; init; } = [];
    public IReadOnlyList<string> RoutesConns { get; init; } = [];
    public IReadOnlyList<string> AttributesConns { get; init; } = [];
    public IReadOnlyList<string> ReplicationConns { get; init; } = [];
    public IReadOnlyList<string> SchedulerConns { get; init; } = [];
    /// <summary>Debit active prepaid sessions this often; zero debits only on updates.</summary>
    public Usage DebitInterval { get; init; }
    public bool StoreSessionCosts { get; init; }
    /// <summary>Per ToR: usage assumed when an event carries none.</summary>
    public IReadOnlyDictionary<string, Usage> DefaultUsage { get; init; } = new Dictionary<string, Usage>();
    /// <summary>Terminate sessions silent this long; zero never.</summary>
    public Usage SessionTtl { get; init; }
    public Usage? SessionTtlMaxDelay { get; init; }
    public Usage? SessionTtlLastUsed { get; init; }
    public Usage? SessionTtlUsage { get; init; }
    public Usage? SessionTtlLastUsage { get; init; }
    public IReadOnlyList<string> SessionIndexes { get; init; } = [];
    /// <summary>JSON-RPC version spoken to agents: 1.0 for OpenSIPS, 2.0 otherwise.</summary>
    public decimal ClientProtocol { get; init; }
    public Usage ChannelSyncInterval { get; init; }
    public Usage ChannelSyncTimeout { get; init; }
    public Usage StaleChanMaxExtraUsage { get; init; }
    public int TerminateAttempts { get; init; }
    public IReadOnlyList<string> AlterableFields { get; init; } = [];
    /// <summary>Low-balance warnings below this much usage left; unset by default.</summary>
    public Usage? MinDurLowBalance { get; init; }
    /// <summary>Save active sessions this often; zero never, -1 at shutdown.</summary>
    public Usage BackupInterval { get; init; }
    public StirConfig Stir { get; init; } = new();
}

/// <summary>The <c>sessions.stir</c> section: STIR/SHAKEN defaults.</summary>
public sealed record StirConfig
{
    /// <summary>Attest levels an identity may carry (<c>*any</c> for all).</summary>
    public IReadOnlyList<string> AllowedAttest { get; init; } = ["*any"];
    /// <summary>How long after its <c>iat</c> an identity stays valid; negative for ever.</summary>
    public Usage PayloadMaxDuration { get; init; } = new Usage(-1);
    public string DefaultAttest { get; init; } = "A";
    public string PublicKeyPath { get; init; } = "";
    public string PrivateKeyPath { get; init; } = "";
}
