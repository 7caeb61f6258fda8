using NodaTime;

namespace Obol.Exporters;

/// <summary>Go's time.LoadLocation names: "" and "UTC" are UTC, "Local" is the process zone, the rest are IANA ids.</summary>
internal static class ZoneNames
{
    public static bool TryResolve(string name, DateTimeZone local, out DateTimeZone zone)
    {
        switch (name)
        {
            case "" or "UTC":
                zone = DateTimeZone.Utc;
                return true;
            case "Local":
                zone = local;
                return true;
        }
        zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(name)!;
        return zone is not null;
    }
}
