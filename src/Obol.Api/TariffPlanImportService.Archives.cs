using System.IO.Compression;
using Obol.Api.JsonRpc;
using Obol.Primitives;
using Obol.TariffPlans;

namespace Obol.Api;

/// <summary>
/// A StorDB plan as files (apier/v1/tp.go): removed whole (RemTP), exported to a folder or as a zip
/// (ExportTPToFolder, ExportTPToZipString), imported from a zip (ImportTPZipFile).
/// </summary>
public sealed partial class TariffPlanImportService
{
    private void RegisterArchives(JsonRpcDispatcher dispatcher)
    {
        dispatcher.Add<AttrRemTp, string>("APIerSv1.RemTP", async (args, ct) =>
        {
            if (string.IsNullOrEmpty(args.TPid))
            {
                return RpcResult.Fail<string>(ErrorCodes.MandatoryIeMissingFields("TPid"));
            }
            await imports.SaveAsync(args.TPid, "APIerSv1.RemTP", [], ct).ConfigureAwait(false);
            return "OK";
        });
        dispatcher.Add<AttrDirExportTp, ExportedTpStats>("APIerSv1.ExportTPToFolder", ExportToFolderAsync);
        dispatcher.Add<AttrDirExportTp, string>("APIerSv1.ExportTPToZipString", ExportToZipStringAsync);
        dispatcher.Add<AttrImportTpZipFile, string>("APIerSv1.ImportTPZipFile", ImportZipAsync);
    }

    private async ValueTask<RpcResult<ExportedTpStats>> ExportToFolderAsync(AttrDirExportTp args, CancellationToken ct)
    {
        var (files, error) = await ExportedFilesAsync(args, ct).ConfigureAwait(false);
        if (files is null)
        {
            return RpcResult.Fail<ExportedTpStats>(error!);
        }
        var dir = string.IsNullOrEmpty(args.ExportPath) ? exportDir : args.ExportPath;
        if (dir.Length == 0)
        {
            return RpcResult.Fail<ExportedTpStats>(ErrorCodes.ServerErrorWith("no export path: give ExportPath or set general.tpexport_dir"));
        }
        try
        {
            if (args.Compress == true)
            {
                await File.WriteAllBytesAsync(Path.Combine(dir, "tpexport.zip"), Zip(files), ct).ConfigureAwait(false);
            }
            else
            {
                foreach (var file in files)
                {
                    await File.WriteAllTextAsync(Path.Combine(dir, file.Name), file.Text, ct).ConfigureAwait(false);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return RpcResult.Fail<ExportedTpStats>(ErrorCodes.ServerErrorWith(e.Message));
        }
        return new ExportedTpStats(dir, files.Count == 0 ? null : [.. files.Select(f => f.Name)], args.Compress == true);
    }

    private async ValueTask<RpcResult<string>> ExportToZipStringAsync(AttrDirExportTp args, CancellationToken ct)
    {
        var (files, error) = await ExportedFilesAsync(args, ct).ConfigureAwait(false);
        return files is null ? RpcResult.Fail<string>(error!) : Convert.ToBase64String(Zip(files));
    }

    /// <summary>The plan's files as CGRateS's exporter writes them: the known tables, in the given separator.</summary>
    private async Task<(IReadOnlyList<TariffPlanFile>? Files, string? Error)> ExportedFilesAsync(AttrDirExportTp args, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(args.TPid))
        {
            return (null, ErrorCodes.MandatoryIeMissingFields("TPid"));
        }
        if (args.FileFormat is { } format && format != "csv")
        {
            return (null, ErrorCodes.ServerErrorWith("Unsupported file format"));
        }
        var separator = string.IsNullOrEmpty(args.FieldSeparator) ? ',' : args.FieldSeparator[0];
        var files = (await imports.LoadAsync(args.TPid, ct).ConfigureAwait(false))
            .Where(f => PlanCsv.Columns(f.Name) is not null)
            .Select(f => separator == ',' ? f : new TariffPlanFile(f.Name, PlanCsv.Write(f.Name, PlanCsv.ReadRows(f.Name, f.Text), separator)))
            .ToList();
        return (files, null);
    }

    private static byte[] Zip(IReadOnlyList<TariffPlanFile> files)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var file in files)
            {
                using var writer = new StreamWriter(zip.CreateEntry(file.Name).Open());
                writer.Write(file.Text);
            }
        }
        return buffer.ToArray();
    }

    private async ValueTask<RpcResult<string>> ImportZipAsync(AttrImportTpZipFile args, CancellationToken ct)
    {
        var folder = Directory.CreateTempSubdirectory("obol-tpzip-").FullName;
        try
        {
            try
            {
                using var zip = new ZipArchive(new MemoryStream(args.File ?? []), ZipArchiveMode.Read);
                zip.ExtractToDirectory(folder);
            }
            catch (InvalidDataException e)
            {
                return RpcResult.Fail<string>(ErrorCodes.ServerErrorWith("unzipping file: " + e.Message));
            }
            // The first folder of the archive that holds CSV files is the plan, as CGRateS walks it.
            var plan = Directory.EnumerateDirectories(folder, "*", SearchOption.AllDirectories).Prepend(folder)
                .FirstOrDefault(d => Directory.EnumerateFiles(d, "*.csv").Any());
            if (plan is null)
            {
                return RpcResult.Fail<string>(ErrorCodes.ServerErrorWith("ERROR: finding csv files!"));
            }
            return await ImportAsync(new AttrImportTpFromFolder(args.TPid, plan, null, null), "APIerSv1.ImportTPZipFile", ct).ConfigureAwait(false);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

/// <summary>v1.AttrRemTp.</summary>
public sealed record AttrRemTp(string? TPid);

/// <summary>utils.AttrDirExportTP.</summary>
public sealed record AttrDirExportTp(string? TPid, string? FileFormat, string? FieldSeparator, string? ExportPath, bool? Compress);

/// <summary>utils.ExportedTPStats.</summary>
public sealed record ExportedTpStats(string ExportPath, List<string>? ExportedFiles, bool Compressed);

/// <summary>v1.AttrImportTPZipFile.</summary>
public sealed record AttrImportTpZipFile(string? TPid, byte[]? File);
