using NodaTime;
using Obol.Primitives;
using Obol.Rating;

namespace Obol.Accounting.Tests.Actions;

/// <summary>A trigger engine and its executor over in-memory action lists, a settable clock and recorded effects.</summary>
internal sealed class ActionFixture
{
    public static readonly Instant DefaultNow = Instant.FromUtc(2024, 5, 1, 12, 0);

    private int _uuids;

    public ActionFixture(IRatingDataSource? destinations = null, int roundingDecimals = 5, IActionFilterEvaluator? filters = null,
        bool removeExpired = true)
    {
        Engine = new ActionTriggerEngine(Actions, Effects, destinations ?? RatingDataSet.Empty, Clock,
            new AccountingOptions { RoundingDecimals = roundingDecimals, RemoveExpired = removeExpired }, DateTimeZone.Utc,
            () => "uuid-" + ++_uuids, filters);
    }

    public SettableClock Clock { get; } = new(DefaultNow);

    public ActionTable Actions { get; } = new();

    public RecordingEffects Effects { get; } = new();

    public ActionTriggerEngine Engine { get; }

    public ActionRunResult Run(Account account, params AccountAction[] actions) => Engine.Executor.Run(account, actions);

    public static AccountAction Act(string type, BalanceFilter? balance = null, decimal weight = 0, string extra = "", string expiry = "",
        string id = "TEST") =>
        new() { Id = id, ActionType = type, Balance = balance ?? new BalanceFilter(), Weight = weight, ExtraParameters = extra, ExpiryTime = expiry };

    public static BalanceFilter Filter(string type, decimal? value = null, string? id = null, decimal? weight = null, string? destinations = null) =>
        new()
        {
            Type = type,
            Value = value,
            ID = id,
            Weight = weight,
            DestinationIDs = destinations is null ? null : StringMap.Parse(destinations),
        };

    public static Balance Bal(decimal value, string id = "", decimal weight = 0, string destinations = "", string uuid = "", Instant? expires = null)
    {
        var b = new Balance { ID = id, Uuid = uuid, Weight = weight, DestinationIDs = StringMap.Parse(destinations), ExpirationDate = expires };
        b.LoadValue(value);
        return b;
    }

    public static Account Account(params (string Type, Balance Balance)[] balances)
    {
        var account = new Account("cgrates.org", "1001");
        foreach (var (type, balance) in balances)
        {
            account.BalancesOf(type).Add(balance);
        }
        return account;
    }

    public static decimal Total(Account account, string type) => account.BalancesOf(type).Sum(b => b.Value);

    public static decimal Seconds(long s) => Usage.FromSeconds(s).Nanoseconds;
}

internal sealed class SettableClock(Instant now) : IClock
{
    public Instant Now { get; set; } = now;

    public Instant GetCurrentInstant() => Now;
}

internal sealed class ActionTable : IActionSource
{
    private readonly Dictionary<string, IReadOnlyList<AccountAction>> _lists = new(StringComparer.Ordinal);

    public void Add(string id, params AccountAction[] actions) => _lists[id] = [.. actions.Select(a => a with { Id = id })];

    public IReadOnlyList<AccountAction>? GetActions(string actionsId) => _lists.GetValueOrDefault(actionsId);
}

internal sealed class RecordingEffects : IActionEffects
{
    public List<string> AccountLogs { get; } = [];
    public List<(ActionLogLevel Level, string Message)> Messages { get; } = [];
    public List<(string Url, string Body)> Posts { get; } = [];
    public List<IReadOnlyList<ActionCdr>> CdrBatches { get; } = [];
    public List<Account> Published { get; } = [];
    public List<(string Command, SessionsRequest Request)> SessionCommands { get; } = [];
    public List<(string Group, string Account)> Joined { get; } = [];

    /// <summary>What a post does; completes at once by default.</summary>
    public Func<string, Task> PostBehaviour { get; set; } = _ => Task.CompletedTask;

    public bool CdrsConnected { get; set; } = true;

    public void LogAccount(Account account, string accountJson) => AccountLogs.Add(accountJson);

    public void Log(ActionLogLevel level, string message)
    {
        lock (Messages)
        {
            Messages.Add((level, message));
        }
    }

    public Task PostAsync(string url, string body)
    {
        Posts.Add((url, body));
        return PostBehaviour(url);
    }

    public void WriteCdrs(IReadOnlyList<ActionCdr> cdrs)
    {
        if (!CdrsConnected)
        {
            throw new InvalidOperationException("No connection with CDR Server");
        }
        CdrBatches.Add(cdrs);
    }

    public void PublishAccount(Account account) => Published.Add(account);

    public void ForceDisconnectSessions(SessionsRequest request) => SessionCommands.Add(("disconnect", request));

    public void AlterSessions(SessionsRequest request) => SessionCommands.Add(("alter", request));

    public List<string> SessionCostRemovals { get; } = [];

    public void RemoveSessionCosts(string filterIds) => SessionCostRemovals.Add(filterIds);

    public void JoinSharedGroup(string sharedGroupId, string accountId) => Joined.Add((sharedGroupId, accountId));
}
