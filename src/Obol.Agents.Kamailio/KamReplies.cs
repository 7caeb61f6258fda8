using Obol.Evapi;
using Obol.SessionServer;

namespace Obol.Agents.Kamailio;

/// <summary>SessionS replies as the KamReply Kamailio's cfg reads (AsKamAuthReply, AsKamProcessMessageReply).</summary>
internal static class KamReplies
{
    /// <summary>Only what the request asked for is filled in; a refused max usage is 0, which Kamailio answers 403.</summary>
    public static KamReply Authorize(KamEvent request, AuthorizeArgs args, AuthorizeReply? reply, string? error)
    {
        var kamReply = KamReply.ForAuthRequest(request);
        if (error is not null || reply is null)
        {
            kamReply.Error = error ?? "";
            return kamReply;
        }
        if (args.GetAttributes && reply.Attributes is not null)
        {
            kamReply.Attributes = SessionDigests.Attributes(reply.Attributes) ?? "";
        }
        if (args.AuthorizeResources && reply.ResourceAllocation is not null)
        {
            kamReply.ResourceAllocation = reply.ResourceAllocation;
        }
        if (args.GetMaxUsage)
        {
            kamReply.MaxUsage = reply.MaxUsage is { } maxUsage ? KamReply.RoundMaxUsageSeconds(maxUsage) : 0;
        }
        if (args.GetRoutes && reply.RouteProfiles is not null)
        {
            kamReply.Routes = SessionDigests.Routes(reply.RouteProfiles, withProfile: true) ?? "";
        }
        if (args.ProcessThresholds && reply.ThresholdIds is not null)
        {
            kamReply.Thresholds = string.Join(',', reply.ThresholdIds);
        }
        if (args.ProcessStats && reply.StatQueueIds is not null)
        {
            kamReply.StatQueues = string.Join(',', reply.StatQueueIds);
        }
        return kamReply;
    }

    public static KamReply ProcessMessage(KamEvent request, ProcessMessageArgs args, AuthorizeReply? reply, string? error, bool routeProfile)
    {
        var kamReply = KamReply.ForProcessMessage(request);
        if (error is not null || reply is null)
        {
            kamReply.Error = error ?? "";
            return kamReply;
        }
        if (args.GetAttributes && reply.Attributes is not null)
        {
            kamReply.Attributes = SessionDigests.Attributes(reply.Attributes) ?? "";
        }
        if (args.AllocateResources)
        {
            kamReply.ResourceAllocation = reply.ResourceAllocation ?? "";
        }
        if (args.Debit && reply.MaxUsage is { } maxUsage)
        {
            kamReply.MaxUsage = KamReply.RoundMaxUsageSeconds(maxUsage);
        }
        if (args.GetRoutes && reply.RouteProfiles is not null)
        {
            kamReply.Routes = SessionDigests.Routes(reply.RouteProfiles, routeProfile) ?? "";
        }
        if (args.ProcessThresholds)
        {
            kamReply.Thresholds = string.Join(',', reply.ThresholdIds ?? []);
        }
        if (args.ProcessStats)
        {
            kamReply.StatQueues = string.Join(',', reply.StatQueueIds ?? []);
        }
        return kamReply;
    }

    public static KamReply Error(KamReply skeleton, string error)
    {
        skeleton.Error = error;
        return skeleton;
    }
}
