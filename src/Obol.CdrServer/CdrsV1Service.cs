using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using NodaTime;
using Obol.Api;
using Obol.Api.JsonRpc;
using Obol.Cdrs;
using Obol.Events;
using Obol.Exporters;
using Obol.GoJson;
using Obol.Primitives;

namespace Obol.CdrServer;

/// <summary>
/// CDRsV1 (apier/v1/cdrs.go), the CDRsV2 methods (apier/v2/cdrs.go: CDRsV2 embeds CDRsV1 and answers ProcessEvent with
/// the processed events), APIerSv2.GetCDRs and APIerSv1.ExportCDRs over the <see cref="CdrService"/>.
/// </summary>
public sealed class CdrsV1Service(CdrService cdrs, ExporterService? exporters, IClock clock, DateTimeZone zone, string defaultTenant)
{
    private const string Ok = "OK";

    public void Register(JsonRpcDispatcher dispatcher)
    {
        dispatcher.Add<CdrProcessArgs, string>("CDRsV1.ProcessEvent", ProcessEventAsync);
        dispatcher.Add<JsonElement, string>("CDRsV1.ProcessCDR", ProcessCdrAsync);
        dispatcher.Add<ProcessExternalCdrArgs, string>("CDRsV1.ProcessExternalCDR", ProcessExternalCdrAsync);
        dispatcher.Add<JsonElement, string>("CDRsV1.RateCDRs", RateCdrsAsync);
        dispatcher.Add<JsonElement, string>("CDRsV1.ReprocessCDRs", ReprocessCdrsAsync);
        dispatcher.Add<CdrProcessEventsArgs, string>("CDRsV1.ProcessEvents", ProcessEventsAsync);
        dispatcher.Add<JsonElement, string>("APIerSv1.RemoveCDRs", RemoveAsync);
        dispatcher.Add<JsonElement, string>("CDRsV1.StoreSessionCost", StoreSessionCostAsync);
        dispatcher.Add<CdrProcessArgs, IReadOnlyList<CdrEventWithFlags>>("CDRsV2.ProcessEvent", ProcessEventV2Async);
        dispatcher.Add<ProcessExternalCdrArgs, string>("CDRsV2.ProcessExternalCDR", ProcessExternalCdrAsync);
        dispatcher.Add<JsonElement, string>("CDRsV2.RateCDRs", RateCdrsAsync);
        dispatcher.Add<JsonElement, string>("CDRsV2.ReprocessCDRs", ReprocessCdrsAsync);
        dispatcher.Add<CdrProcessEventsArgs, string>("CDRsV2.ProcessEvents", ProcessEventsAsync);
        dispatcher.Add<JsonElement, RawJson>("CDRsV1.GetCDRs", (a, ct) => GetAsync(a, external: false, ErrorCodes.ServerErrorWith(ErrorCodes.NotFound), ct));
        dispatcher.Add<JsonElement, RawJson>("APIerSv2.GetCDRs", (a, ct) => GetAsync(a, external: true, ErrorCodes.NotFound, ct));
        dispatcher.Add<JsonElement, long>("CDRsV1.GetCDRsCount", CountAsync);
        // CDRsV2 embeds CDRsV1: its methods answer under both names.
        dispatcher.Add<JsonElement, string>("CDRsV2.ProcessCDR", ProcessCdrAsync);
        dispatcher.Add<JsonElement, string>("CDRsV2.StoreSessionCost", StoreSessionCostV2Async);
        dispatcher.Add<JsonElement, RawJson>("CDRsV2.GetCDRs", (a, ct) => GetAsync(a, external: false, ErrorCodes.ServerErrorWith(ErrorCodes.NotFound), ct));
        dispatcher.Add<JsonElement, long>("CDRsV2.GetCDRsCount", CountAsync);
        dispatcher.Add<JsonElement, long>("APIerSv2.CountCDRs", CountAsync);
        dispatcher.Add<JsonElement, RawJson>("APIerSv1.GetCDRs", GetWithAttrGetCdrsAsync);
        dispatcher.Add<JsonElement, RawJson>("APIerSv1.GetEventCost", GetEventCostAsync);
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
        if (!cdrs.Options.Defaults.TryWith(args.Flags, ev.ApiOpts, out var flags, out var flagsError))
        {
            return RpcResult.Fail<string>(flagsError);
        }
        var error = await cdrs.ProcessEventAsync(ev, flags, ct).ConfigureAwait(false);
        return error is null ? Ok : RpcResult.Fail<string>(error);
    }

    /// <summary>CDRsV2.ProcessEvent (V2ProcessEvent): as CDRsV1.ProcessEvent, answering the processed runs.</summary>
    private async ValueTask<RpcResult<IReadOnlyList<CdrEventWithFlags>>> ProcessEventV2Async(CdrProcessArgs args, CancellationToken ct)
    {
        var ev = args.ToEvent();
        if (EventRequests.Prepare(ev, defaultTenant) is { } invalid)
        {
            return RpcResult.Fail<IReadOnlyList<CdrEventWithFlags>>(invalid);
        }
        if (!cdrs.Options.Defaults.TryWith(args.Flags, ev.ApiOpts, out var flags, out var flagsError))
        {
            return RpcResult.Fail<IReadOnlyList<CdrEventWithFlags>>(flagsError);
        }
        var result = await cdrs.ProcessEventsAsync([ev], flags, describe: true, ct).ConfigureAwait(false);
        return result.Error is null ? RpcResult.Ok(result.Events) : RpcResult.Fail<IReadOnlyList<CdrEventWithFlags>>(result.Error);
    }

    /// <summary>CDRsV1.ProcessCDR: a whole CDR; a pre-rated one is neither forked nor rated again.</summary>
    private async ValueTask<RpcResult<string>> ProcessCdrAsync(JsonElement args, CancellationToken ct)
    {
        if (!CdrJson.TryRead(args, out var cdr, out var error))
        {
            return RpcResult.Fail<string>(ErrorCodes.ServerErrorWith(error));
        }
        return await ProcessWholeCdrAsync(cdr, null, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// CDRsV1.ProcessExternalCDR (V1ProcessExternalCDR): the ExternalCDR made a CDR (times in the default timezone),
    /// then processed as CDRsV1.ProcessCDR processes one; a duplicate answers <c>EXISTS</c>, a field that does not
    /// convert answers Go's error text as it is.
    /// </summary>
    private async ValueTask<RpcResult<string>> ProcessExternalCdrAsync(ProcessExternalCdrArgs args, CancellationToken ct)
    {
        if (!args.TryToCdr(zone, clock.GetCurrentInstant(), out var cdr, out var error))
        {
            return RpcResult.Fail<string>(error);
        }
        return await ProcessWholeCdrAsync(cdr, args.ApiOpts, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// CDRsV1.RateCDRs (V1RateCDRs): re-/rates the stored CDRs the RPCCDRsFilter selects; <c>*rerate</c> refunds each
    /// one's stored cost first. Answers <c>NOT_FOUND</c> when none matches.
    /// </summary>
    private ValueTask<RpcResult<string>> RateCdrsAsync(JsonElement args, CancellationToken ct) => StoredAgainAsync(args, cdrs.RateCdrsAsync, ct);

    /// <summary>CDRsV1.ReprocessCDRs (V1ReprocessCDRs): the selected stored CDRs processed again with only the given flags.</summary>
    private ValueTask<RpcResult<string>> ReprocessCdrsAsync(JsonElement args, CancellationToken ct) => StoredAgainAsync(args, cdrs.ReprocessCdrsAsync, ct);

    // Both take engine.ArgRateCDRs.
    private async ValueTask<RpcResult<string>> StoredAgainAsync(JsonElement args,
        Func<CdrQuery, IReadOnlyList<string>, IReadOnlyDictionary<string, object?>, CancellationToken, ValueTask<string?>> process, CancellationToken ct)
    {
        if (!RateCdrsArgs.TryRead(args, zone, clock.GetCurrentInstant(), out var rate, out var decodeError, out var filterError))
        {
            return RpcResult.Fail<string>(decodeError ?? ErrorCodes.ServerErrorWith(filterError!));
        }
        var error = await process(rate.Query, rate.Flags, rate.ApiOpts, ct).ConfigureAwait(false);
        return error is null ? Ok : RpcResult.Fail<string>(error);
    }

    /// <summary>
    /// CDRsV1.ProcessEvents (V1ProcessEvents): several CGREvents under one set of flags and options, each given an ID and
    /// the default tenant when it has none, all forked, rated and stored before any is exported.
    /// </summary>
    private async ValueTask<RpcResult<string>> ProcessEventsAsync(CdrProcessEventsArgs args, CancellationToken ct)
    {
        var events = new List<CgrEvent>(args.CgrEvents?.Count ?? 0);
        foreach (var given in args.CgrEvents ?? [])
        {
            var ev = given.ToEvent();
            if (EventRequests.Prepare(ev, defaultTenant) is { } invalid)
            {
                return RpcResult.Fail<string>(invalid);
            }
            events.Add(ev);
        }
        if (!cdrs.Options.Defaults.TryWith(args.Flags, args.ApiOpts, out var flags, out var flagsError))
        {
            return RpcResult.Fail<string>(flagsError);
        }
        var result = await cdrs.ProcessEventsAsync(events, flags, describe: false, ct).ConfigureAwait(false);
        return result.Error is null ? Ok : RpcResult.Fail<string>(result.Error);
    }

    /// <summary>
    /// CDRsV1.StoreSessionCost (V1StoreSessionCost): an SMCost (CGRID, RunID, OriginHost, OriginID, CostSource,
    /// CostDetails) kept for the run's CDR to take its cost from; with CheckDuplicate a run that has one already answers
    /// <c>SERVER_ERROR: EXISTS</c>.
    /// </summary>
    private async ValueTask<RpcResult<string>> StoreSessionCostAsync(JsonElement args, CancellationToken ct)
    {
        var (cost, checkDuplicate, invalid) = ReadSessionCost(args);
        if (invalid is not null)
        {
            return RpcResult.Fail<string>(invalid);
        }
        if (cdrs.Options.SessionCosts is not { } costs)
        {
            return RpcResult.Fail<string>(ErrorCodes.ServerErrorWith("no session costs store"));
        }
        var error = await costs.StoreCostAsync(cost!, checkDuplicate, ct).ConfigureAwait(false);
        return error is null ? Ok : RpcResult.Fail<string>(ErrorCodes.ServerErrorWith(error));
    }

    /// <summary>
    /// CDRsV2.StoreSessionCost (V2StoreSessionCost): as CDRsV1's, the EventCost first rounded with its rates' rounding
    /// and the corrections charged to the balances that paid (<see cref="CdrService.StoreRoundedSessionCostAsync"/>).
    /// </summary>
    private async ValueTask<RpcResult<string>> StoreSessionCostV2Async(JsonElement args, CancellationToken ct)
    {
        var (cost, checkDuplicate, invalid) = ReadSessionCost(args);
        if (invalid is not null)
        {
            return RpcResult.Fail<string>(invalid);
        }
        var eventCost = (JsonObject)JsonNode.Parse(cost!.CostDetails)!;
        var error = await cdrs.StoreRoundedSessionCostAsync(cost, eventCost, checkDuplicate, ct).ConfigureAwait(false);
        return error is null ? Ok : RpcResult.Fail<string>(ErrorCodes.ServerErrorWith(error));
    }

    /// <summary>ArgsV2CDRSStoreSMCost / AttrCDRSStoreSMCost: the SMCost under <c>Cost</c>, its CostDetails an EventCost.</summary>
    private (PostedSessionCost? Cost, bool CheckDuplicate, string? Error) ReadSessionCost(JsonElement args)
    {
        var cost = args.ValueKind == JsonValueKind.Object && args.TryGetProperty("Cost", out var c) && c.ValueKind == JsonValueKind.Object ? c : default;
        string Text(string name) => cost.ValueKind == JsonValueKind.Object && cost.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()!
            : "";
        if (Text("CGRID") is not { Length: > 0 } cgrId)
        {
            return (null, false, "mandatory information missing: CGRID");
        }
        if (!cost.TryGetProperty("CostDetails", out var details) || details.ValueKind != JsonValueKind.Object)
        {
            return (null, false, "mandatory information missing: CostDetails");
        }
        var costDetails = details.GetRawText();
        if (!StoredEventCost.TryParse(costDetails, cdrs.Options.RoundingDecimals, out _, out var invalid))
        {
            return (null, false, ErrorCodes.ServerErrorWith(invalid));
        }
        var checkDuplicate = args.TryGetProperty("CheckDuplicate", out var check) && check.ValueKind == JsonValueKind.True;
        return (new PostedSessionCost(cgrId, Text("RunID"), Text("OriginHost"), Text("OriginID"), Text("CostSource"), costDetails), checkDuplicate, null);
    }

    /// <summary>APIerSv1.RemoveCDRs: every CDR the RPCCDRsFilter selects is deleted; OK even when none was.</summary>
    private async ValueTask<RpcResult<string>> RemoveAsync(JsonElement args, CancellationToken ct)
    {
        if (!CdrQuery.TryRead(args, zone, clock.GetCurrentInstant(), out var query, out var error))
        {
            return RpcResult.Fail<string>(ErrorCodes.ServerErrorWith(error));
        }
        await cdrs.RemoveCdrsAsync(query, ct).ConfigureAwait(false);
        return Ok;
    }

    /// <summary>V1ProcessCDR (<see cref="CdrService.ProcessCdrAsync"/>), the tenant defaulting to this API's.</summary>
    private async ValueTask<RpcResult<string>> ProcessWholeCdrAsync(Cdr cdr, Dictionary<string, object?>? apiOpts, CancellationToken ct)
    {
        if (cdr.Tenant.Length == 0)
        {
            cdr.Tenant = defaultTenant;
        }
        var outcome = await cdrs.ProcessCdrAsync(cdr, apiOpts, ct).ConfigureAwait(false);
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

    /// <summary>APIerSv1.GetCDRs: the older AttrGetCdrs filter; no match answers an empty list, not NOT_FOUND.</summary>
    private async ValueTask<RpcResult<RawJson>> GetWithAttrGetCdrsAsync(JsonElement args, CancellationToken ct)
    {
        if (!CdrQuery.TryReadAttrGetCdrs(args, zone, clock.GetCurrentInstant(), out var query, out var error))
        {
            return RpcResult.Fail<RawJson>(ErrorCodes.ServerErrorWith(error));
        }
        var found = await cdrs.GetCdrsAsync(query, ct).ConfigureAwait(false);
        return new RawJson(Encoding.UTF8.GetBytes(CdrJson.SerializeExternalList(found)));
    }

    /// <summary>
    /// APIerSv1.GetEventCost (the console's <c>cost_details</c>): the stored CDR's EventCost for CgrId and RunId
    /// (<c>*default</c> when empty); NOT_FOUND without such a CDR or when it carries none.
    /// </summary>
    private async ValueTask<RpcResult<RawJson>> GetEventCostAsync(JsonElement args, CancellationToken ct)
    {
        string? Text(string name) => args.ValueKind == JsonValueKind.Object && args.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()
            : null;
        if (Text("CgrId") is not { Length: > 0 } cgrId)
        {
            return RpcResult.Fail<RawJson>(ErrorCodes.MandatoryIeMissingFields("CgrId"));
        }
        var runId = Text("RunId") is { Length: > 0 } given ? given : Meta.Default;
        var found = await cdrs.GetCdrsAsync(new CdrQuery { Cgrids = [cgrId], RunIds = [runId] }, ct).ConfigureAwait(false);
        return found.Count == 0 || found[0].CostDetails is not { } details
            ? RpcResult.Fail<RawJson>(ErrorCodes.NotFound)
            : new RawJson(Encoding.UTF8.GetBytes(details));
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

/// <summary>engine.ArgV1ProcessEvents.</summary>
public sealed record CdrProcessEventsArgs
{
    public IReadOnlyList<string>? Flags { get; init; }

    [JsonPropertyName("CGREvents")]
    public IReadOnlyList<CdrEventItem>? CgrEvents { get; init; }

    [JsonPropertyName("APIOpts")]
    public Dictionary<string, object?>? ApiOpts { get; init; }
}

/// <summary>One utils.CGREvent of <see cref="CdrProcessEventsArgs"/>.</summary>
public sealed record CdrEventItem : EmbeddedEvent;

/// <summary>engine.ArgV1ProcessEvent: flags, then the CGREvent's fields flattened.</summary>
public sealed record CdrProcessArgs : EmbeddedEvent
{
    public IReadOnlyList<string>? Flags { get; init; }
}
