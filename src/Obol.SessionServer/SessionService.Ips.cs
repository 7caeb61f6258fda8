using Obol.Api;
using Obol.Events;
using Obol.Ips;
using Obol.Primitives;

namespace Obol.SessionServer;

public sealed partial class SessionService
{
    private enum IpStep
    {
        Authorize,
        Allocate,
        Release,
    }

    /// <summary>AllocateIP of Initiate/ProcessMessage: the allocation is the call's OriginID, which must be there.</summary>
    private async Task<(AllocatedIpWire? Ip, string? Error)> AllocateIpAsync(CgrEvent ev, string originId, CancellationToken ct)
    {
        if (_subsystems.Ips is not null && originId.Length == 0)
        {
            return (null, ErrorCodes.MandatoryIeMissingFields("OriginID"));
        }
        return await IpsAsync(ev, originId, IpStep.Allocate, ct).ConfigureAwait(false);
    }

    /// <summary>The request's IP allocation, keyed by <paramref name="allocationId"/> (the call's OriginID); IPs' errors
    /// come back as <c>IPS_ERROR:</c>. A release answers no address.</summary>
    private async Task<(AllocatedIpWire? Ip, string? Error)> IpsAsync(CgrEvent ev, string allocationId, IpStep step, CancellationToken ct)
    {
        if (_subsystems.Ips is not { } ips)
        {
            return (null, ErrorCodes.NotConnectedTo("IPs"));
        }
        var request = ev.Clone();
        request.ApiOpts[IpOptions.AllocationId] = allocationId;
        if (step == IpStep.Release)
        {
            var (_, releaseError) = await ips.ReleaseIpAsync(request, Now, ct).ConfigureAwait(false);
            return (null, releaseError is null ? null : ErrorCodes.SubsystemError("IPS", releaseError));
        }
        var (ip, error) = step == IpStep.Authorize
            ? await ips.AuthorizeIpAsync(request, Now, ct).ConfigureAwait(false)
            : await ips.AllocateIpAsync(request, Now, ct).ConfigureAwait(false);
        return ip is null ? (null, ErrorCodes.SubsystemError("IPS", error ?? "")) : (AllocatedIpWire.Of(ip), null);
    }
}
