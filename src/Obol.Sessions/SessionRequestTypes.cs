using Obol.Primitives;

namespace Obol.Sessions;

/// <summary>The request-type sets of sessions/libsessions.go.</summary>
public static class SessionRequestTypes
{
    public const string DynaPrepaid = "*dynaprepaid";

    /// <summary>authReqs: runs whose max usage RALs decides at authorize.</summary>
    public static bool AsksRaterOnAuthorize(string requestType) =>
        requestType is Meta.Prepaid or DynaPrepaid or Meta.PseudoPrepaid;
}
