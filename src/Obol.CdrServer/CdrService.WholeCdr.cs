using Obol.Cdrs;

namespace Obol.CdrServer;

// A whole CDR from outside (CDRsV1.ProcessCDR, FreeSWITCH's JSON CDR), as V1ProcessCDR takes one.
public sealed partial class CdrService
{
    /// <summary>
    /// V1ProcessCDR: the CDR's missing tenant and CGRID filled in, then processed with the config's default flags,
    /// ChargerS and RALs off for a pre-rated CDR; the APIOpts go with the event to the subsystems.
    /// </summary>
    /// <returns>Null, or CGRateS's error (<c>EXISTS</c> for a CDR already stored).</returns>
    public async ValueTask<string?> ProcessCdrAsync(Cdr cdr, Dictionary<string, object?>? apiOpts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cdr);
        if (cdr.Tenant.Length == 0)
        {
            cdr.Tenant = _options.CdrDefaults.Tenant;
        }
        if (cdr.Cgrid.Length == 0)
        {
            cdr.ComputeCgrid();
        }
        var flags = _options.Defaults;
        if (cdr.PreRated)
        {
            flags = flags with { Chargers = false, Rals = false };
        }
        var ev = cdr.ToCgrEvent();
        if (apiOpts is not null)
        {
            ev.ApiOpts = new Dictionary<string, object?>(apiOpts, StringComparer.Ordinal);
        }
        return await ProcessEventAsync(ev, flags, cancellationToken).ConfigureAwait(false);
    }
}
