using System.Text;
using System.Text.Json;
using NodaTime;
using Obol.Api;
using Obol.Api.JsonRpc;
using Obol.Cdrs;
using Obol.Exporters;
using Obol.GoJson;
using Obol.Primitives;

namespace Obol.CdrServer;

/// <summary>CDRsV1 (apier/v1/cdrs.go), APIerSv2.GetCDRs and APIerSv1.ExportCDRs over the <see cref="CdrService"/>.</summary>
public sealed class CdrsV1Service(CdrService cdrs, ExporterService? exporters, IClock clock, DateTimeZone zone, string defaultTenant)
{
    private const string Ok = "OK";

    public void Register(JsonRpcDispatcher dispatcher)
    {
        dispatcher.Add<CdrProcessArgs, string>("CDRsV1.ProcessEvent", ProcessEventAsync);
        dispatcher.Add<JsonElement, string>("CDRsV1.ProcessCDR", ProcessCdrAsync);
        dispatcher.Add<JsonElement, RawJson>("CDRsV1.GetCDRs", (a, ct) => GetAsync(a, external: false, ErrorCodes.ServerErrorWith(ErrorCodes.NotFound), ct));
        dispatcher.Add<JsonElement, RawJson>("APIerSv2.GetCDRs", (a, ct) => GetAsync(a, external: true, ErrorCodes.NotFound, ct));
        dispatcher.Add<JsonElement, long>("CDRsV1.GetCDRsCount", CountAsync);
        dispatcher.Add<JsonElement, IReadOnlyDictionary<string, IReadOnlyDictionary<string, object?>>>("APIerSv1.ExportCDRs", ExportAsync);
        dispatcher.AddPing("CDRsV1");
    }

    private async ValueTask<RpcResult<string>> ProcessEventAsync(CdrProcessArgs args, CancellationToken ct)
    {
        var ev = args.ToEvent();
        if (EventRequests.Prepare(ev, defaultTenant) is { } invalid)
        {
            return RpcResult.Fail<string>(invalid);
        }
        var error = await cdrs.ProcessEventAsync(ev, cdrs.Options.Defaults.With(args.Flags), ct).ConfigureAwait(false);
        return error is null ? Ok : RpcResult.Fail<string>(error);
    }

    /// <summary>CDRsV1.ProcessCDR: a whole CDR; a pre-rated one is neither forked nor rated again.</summary>
    private async ValueTask<RpcResult<string>> ProcessCdrAsync(JsonElement args, CancellationToken ct)
    {
        if (!CdrJson.TryRead(args, out var cdr, out var error))
        {
            return RpcResult.Fail<string>(ErrorCodes.ServerErrorWith(error));
        }
        if (cdr.Tenant.Length == 0)
        {
            cdr.Tenant = defaultTenant;
        }
        if (cdr.Cgrid.Length == 0)
        {
            cdr.ComputeCgrid();
        }
        var flags = cdrs.Options.Defaults;
        if (cdr.PreRated)
        {
            flags = flags with { Chargers = false, Rals = false };
        }
        var outcome = await cdrs.ProcessEventAsync(cdr.ToCgrEvent(), flags, ct).ConfigureAwait(false);
        return outcome is null ? Ok : RpcResult.Fail<string>(outcome);
    }

    private async ValueTask<RpcResult<RawJson>> GetAsync(JsonElement args, bool external, string none, CancellationToken ct)
    {
        if (!CdrQuery.TryRead(args, zone, clock.GetCurrentInstant(), out var query, out var error))
        {
            return RpcResult.Fail<RawJson>(ErrorCodes.ServerErrorWith(error));
        }
        var found = await cdrs.GetCdrsAsync(query, ct).ConfigureAwait(false);
        if (found.Count == 0)
        {
            return RpcResult.Fail<RawJson>(none);
        }
        var json = external ? CdrJson.SerializeExternalList(found) : CdrJson.SerializeList(found);
        return new RawJson(Encoding.UTF8.GetBytes(json));
    }

    private async ValueTask<RpcResult<long>> CountAsync(JsonElement args, CancellationToken ct)
    {
        if (!CdrQuery.TryRead(args, zone, clock.GetCurrentInstant(), out var query, out var error))
        {
            return RpcResult.Fail<long>(ErrorCodes.ServerErrorWith(error));
        }
        return await cdrs.CountCdrsAsync(query, ct).ConfigureAwait(false);
    }

    /// <summary>APIerSv1.ExportCDRs: the stored CDRs the filter selects, through the named exporters in one batch.</summary>
    private async ValueTask<RpcResult<IReadOnlyDictionary<string, IReadOnlyDictionary<string, object?>>>> ExportAsync(JsonElement args,
        CancellationToken ct)
    {
        if (exporters is null)
        {
            return RpcResult.Fail<IReadOnlyDictionary<string, IReadOnlyDictionary<string, object?>>>(ErrorCodes.NotConnectedTo("EEs"));
        }
        if (!CdrQuery.TryRead(args, zone, clock.GetCurrentInstant(), out var query, out var error))
        {
            return RpcResult.Fail<IReadOnlyDictionary<string, IReadOnlyDictionary<string, object?>>>(ErrorCodes.ServerErrorWith(error));
        }
        var ids = args.ValueKind == JsonValueKind.Object && args.TryGetProperty("ExporterIDs", out var named) && named.ValueKind == JsonValueKind.Array
            ? named.EnumerateArray().Select(e => e.GetString() ?? "").ToList()
            : null;
        var verbose = args.ValueKind == JsonValueKind.Object && args.TryGetProperty("Verbose", out var v) && v.ValueKind == JsonValueKind.True;
        var found = await cdrs.GetCdrsAsync(query, ct).ConfigureAwait(false);
        if (found.Count == 0)
        {
            return RpcResult.Fail<IReadOnlyDictionary<string, IReadOnlyDictionary<string, object?>>>(ErrorCodes.NotFound);
        }
        var reply = await exporters.ExportBatchAsync([.. found.Select(c => c.ToCgrEvent())], ids, verbose, ct).ConfigureAwait(false);
        return reply.Error is null
            ? RpcResult.Ok(reply.Exporters)
            : RpcResult.Fail<IReadOnlyDictionary<string, IReadOnlyDictionary<string, object?>>>(reply.Error);
    }
}

/// <summary>engine.ArgV1ProcessEvent: flags, then the CGREvent's fields flattened.</summary>
public sealed record CdrProcessArgs : EmbeddedEvent
{
    public IReadOnlyList<string>? Flags { get; init; }
}
