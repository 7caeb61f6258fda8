namespace Obol.Engine.Tests.OpenSips;

/// <summary>The osips tutorial's opensips.cfg (samples/opensips/opensips.cfg) for a new INVITE: route{} sets the
/// $cgr_opt/$cgr it sets and calls cgrates_auth, route[resume_cgr_auth] judges the answer, engages cgrates_acc and
/// picks the first carrier of RoutesDigest as $cgr(RouteID).</summary>
internal static class TutorialScript
{
    /// <returns>The call, cgrates_auth's outcome and the status the script answers the INVITE with itself (403) — null
    /// when it relays the call.</returns>
    public static async Task<(OpenSipsCall Call, CgrReturn Auth, int? Rejected)> InviteAsync(OpenSipsModuleClient module, string caller, string callee)
    {
        var call = module.Invite(caller, callee);
        foreach (var opt in (string[])["GetMaxUsage", "GetAttributes", "GetRoutes", "AuthorizeResources", "AllocateResources", "ReleaseResources",
            "ProcessThresholds", "ProcessStatQueues"])
        {
            call.CgrOpt[opt] = 1;
        }
        call.Cgr["RequestType"] = "*prepaid";
        call.Cgr["OriginHost"] = "127.0.0.1";
        call.Cgr["Source"] = "OpenSIPS";
        var auth = await call.AuthorizeAsync();
        var maxUsageZero = auth.Ret.TryGetValue("MaxUsage", out var maxUsage) && maxUsage is 0;
        if (auth.Rc < 0 && (!maxUsageZero || auth.Rc != -2))
        {
            return (call, auth, 403);
        }
        call.Account("cdr|missed");
        if (auth.Ret.TryGetValue("RoutesDigest", out var routes) && routes is string carriers && carriers.Length > 0)
        {
            call.Cgr["RouteID"] = carriers.Split(',')[0];
        }
        return (call, auth, null);
    }
}
