namespace Obol.TariffPlans;

/// <summary>
/// DispatcherHosts.csv (model_helpers.go AsTPDispatcherHosts): one host per Tenant+ID, a later row replacing the
/// earlier one in its place; an empty Transport is <c>*json</c>. The durations are checked and kept as written.
/// </summary>
internal sealed class DispatcherHosts
{
    private const string DefaultTransport = "*json";

    private readonly Dictionary<(string Tenant, string Id), int> _indexByKey = [];
    private readonly List<TpDispatcherHost> _hosts = [];

    public void Read(PlanRow row)
    {
        var tenant = row.Text(0);
        var id = row.Text(1);
        var address = row.Text(2);
        var transport = row.Text(3);
        var connectAttempts = row.Int(4);
        var reconnects = row.Int(5);
        var maxReconnectInterval = row.DurationText(6);
        var connectTimeout = row.DurationText(7);
        var replyTimeout = row.DurationText(8);
        var tls = row.Bool(9);
        if (row.HasErrors)
        {
            return;
        }
        if (address.Length == 0)
        {
            // CGRateS skips such a row without a word: say so, as the host may then be missing.
            row.Warn(2, $"no address: host \"{id}\" is not loaded from this row");
            return;
        }
        var host = new TpDispatcherHost(
            row.Location, tenant, id, address, transport.Length == 0 ? DefaultTransport : transport, connectAttempts, reconnects,
            maxReconnectInterval, connectTimeout, replyTimeout, tls, row.Text(10), row.Text(11), row.Text(12));
        if (_indexByKey.TryGetValue((tenant, id), out var index))
        {
            _hosts[index] = host;
            return;
        }
        _indexByKey[(tenant, id)] = _hosts.Count;
        _hosts.Add(host);
    }

    public TpDispatcherHost[] Build() => [.. _hosts];
}
