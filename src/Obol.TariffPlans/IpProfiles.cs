using System.Net;
using System.Net.Sockets;

namespace Obol.TariffPlans;

/// <summary>
/// IPs.csv (model_helpers.go AsTPIPs): a non-empty TTL or ActivationInterval and a non-zero Weight of any row replace
/// the earlier ones, Stored holds once a row sets it, FilterIDs merge as a set. A row with a PoolID adds to the pool of
/// that ID and PoolFilterIDs set: its first row fixes Type, Range, Strategy, Message, Weight and Blocker, every row
/// appends its PoolFilterIDs. Pools keep the order they first appear in (CGRateS's come out of a map, in random order).
/// </summary>
internal sealed class IpProfiles(ReferenceCollector references)
{
    private const string TypeIpv4 = "*ipv4";
    private const string TypeIpv6 = "*ipv6";

    private static readonly string[] s_strategies = ["*ascending", "*descending", "*random"];

    private readonly ProfileTable<Builder> _table = new();
    private readonly Dictionary<(string Tenant, string Id, string Key), PoolBuilder> _pools = [];

    public void Read(PlanRow row)
    {
        var (tenant, id, filterIds, activation) = row.ProfileHead();
        var ttl = row.DurationText(4);
        var stored = row.Bool(5);
        var weight = row.Decimal(6);
        var poolId = row.Text(7);
        var poolFilterIds = row.List(8);
        row.CheckInlineFilters(8, poolFilterIds);
        var poolType = row.Text(9);
        var knownType = poolType is "" or TypeIpv4 or TypeIpv6;
        if (!knownType)
        {
            row.Fail(9, $"invalid pool type \"{poolType}\" (expected {TypeIpv4} or {TypeIpv6})");
        }
        var range = row.Text(10);
        var family = RangeFamily(row, range);
        if (family is { } f && knownType && poolType.Length != 0 && poolType != TypeOf(f))
        {
            row.Fail(9, $"pool type \"{poolType}\" does not match the range \"{range}\" ({TypeOf(f)})");
        }
        var strategy = row.Text(11);
        if (strategy.Length != 0 && !s_strategies.Contains(strategy, StringComparer.Ordinal))
        {
            row.Fail(11, $"invalid pool strategy \"{strategy}\" (expected {string.Join(", ", s_strategies)})");
        }
        var poolWeight = row.Decimal(13);
        var poolBlocker = row.Bool(14);
        var poolKey = (tenant, id, PoolKey(poolId, poolFilterIds));
        PoolBuilder? pool = null;
        // Only a pool's first row gives it a range: without one the pool could never hand out an address.
        if (poolId.Length != 0 && !_pools.TryGetValue(poolKey, out pool) && range.Length == 0)
        {
            row.Fail(10, $"pool \"{poolId}\" has no range (expected a CIDR prefix or an IP address)");
        }
        if (row.HasErrors)
        {
            return;
        }
        var builder = _table.GetOrAdd(tenant, id, () => new Builder(row.Location, tenant, id));
        if (poolId.Length != 0)
        {
            if (pool is null)
            {
                pool = new PoolBuilder(row.Location, poolId, poolType, range, strategy, row.Text(12), poolWeight, poolBlocker);
                _pools[poolKey] = pool;
                builder.Pools.Add(pool);
            }
            references.AddFilters(tenant, poolFilterIds, row, 8);
            pool.FilterIds.AddRange(poolFilterIds);
        }
        references.AddFilters(tenant, filterIds, row, 2);
        builder.Ttl = ttl.Length == 0 ? builder.Ttl : ttl;
        builder.Weight = weight == 0 ? builder.Weight : weight;
        builder.Stored |= stored;
        builder.Activation = activation ?? builder.Activation;
        builder.FilterIds.AddRange(filterIds);
    }

    public TpIpProfile[] Build() => _table.Build(b => new TpIpProfile(
        b.Location, b.Tenant, b.Id, b.FilterIds.ToArray(), b.Activation, b.Ttl, b.Stored, b.Weight,
        b.Pools.ConvertAll(p => new TpIpPool(
            p.Location, p.Id, [.. p.FilterIds], p.Type, p.Range, p.Strategy, p.Message, p.Weight, p.Blocker))));

    /// <summary>
    /// The family of a CIDR prefix (host bits may be set, as netip.ParsePrefix allows) or of a single address; null when
    /// empty or bad, a bad one failing the row. Forms IPAddress takes and Go's netip refuses (<c>1.2.3</c>,
    /// <c>0x1.2.3.4</c>, <c>01.2.3.4</c>, zones, brackets, <c>/024</c>) are refused too.
    /// </summary>
    private static AddressFamily? RangeFamily(PlanRow row, string range)
    {
        if (range.Length == 0)
        {
            return null;
        }
        var slash = range.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? range : range[..slash];
        var valid = IPAddress.TryParse(addressText, out var address)
            && IsCanonical(addressText, address)
            && (slash < 0 || (IsCanonicalBits(range[(slash + 1)..]) && IPNetwork.TryParse(range, out _)));
        if (!valid)
        {
            row.Fail(10, $"invalid range \"{range}\" (expected a CIDR prefix or an IP address)");
            return null;
        }
        return address!.AddressFamily;
    }

    private static string TypeOf(AddressFamily family) => family == AddressFamily.InterNetwork ? TypeIpv4 : TypeIpv6;

    private static bool IsCanonical(string text, IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetwork
            ? text == address.ToString()
            : text.AsSpan().IndexOfAny('%', '[', ']') < 0;

    private static bool IsCanonicalBits(string text) =>
        text.Length != 0 && text.All(char.IsAsciiDigit) && (text.Length == 1 || text[0] != '0');

    // CGRateS keys a pool by its ID and the hash of its PoolFilterIDs as a set: order and repeats do not matter.
    private static string PoolKey(string poolId, string[] filterIds) =>
        filterIds.Length == 0
            ? poolId
            : poolId + "\n" + string.Join(FieldText.ListSeparator, filterIds.Distinct().Order(StringComparer.Ordinal));

    private sealed class Builder(SourceLocation location, string tenant, string id)
    {
        public SourceLocation Location { get; } = location;
        public string Tenant { get; } = tenant;
        public string Id { get; } = id;
        public string Ttl { get; set; } = "";
        public bool Stored { get; set; }
        public decimal Weight { get; set; }
        public TpActivationInterval? Activation { get; set; }
        public OrderedSet FilterIds { get; } = new();
        public List<PoolBuilder> Pools { get; } = [];
    }

    private sealed class PoolBuilder(
        SourceLocation location, string id, string type, string range, string strategy, string message, decimal weight, bool blocker)
    {
        public SourceLocation Location { get; } = location;
        public string Id { get; } = id;
        public string Type { get; } = type;
        public string Range { get; } = range;
        public string Strategy { get; } = strategy;
        public string Message { get; } = message;
        public decimal Weight { get; } = weight;
        public bool Blocker { get; } = blocker;
        public List<string> FilterIds { get; } = [];
    }
}
