using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SimCse.Api.Configuration;
using SimCse.Api.Contracts;
using SimCse.Api.Jobs;
using SimCse.Api.Paging;
using SimCse.Api.Persistence;
using SimCse.Api.Serving;
using SimCse.Core.Errors;
using SimCse.Core.IO;

namespace SimCse.Api.Files;

/// <summary>
/// Uploaded files: bytes under <c>&lt;data&gt;/files/&lt;id&gt;</c> (the client's name is only metadata,
/// never a path), metadata in the database. An upload is written to a temporary file, validated for its
/// purpose, then renamed into place and recorded, so a crash never leaves a recorded half file.
/// </summary>
public sealed class FileStore(IDbContextFactory<SimCseDbContext> databases, DataPaths paths, IOptions<FilesOptions> options)
{
    private const string TemporarySuffix = ".upload";

    public long MaxBytes => options.Value.MaxBytes;

    private string Folder => Directory.CreateDirectory(Path.Combine(paths.Root, "files")).FullName;

    public async Task<FileObject> SaveAsync(Stream content, string? filename, string? purpose, CancellationToken cancellationToken)
    {
        if (!FilePurposes.IsKnown(purpose))
        {
            throw new InvalidInputException($"'purpose' must be \"{FilePurposes.FineTune}\" or \"{FilePurposes.Evaluation}\".");
        }
        string name = string.IsNullOrWhiteSpace(filename) ? "upload" : Path.GetFileName(filename);
        string id = ResourceIds.New("file");
        string target = Path.Combine(Folder, id);
        string temporary = target + TemporarySuffix;
        try
        {
            (long bytes, string sha256) = await CopyAsync(content, temporary, cancellationToken);
            DataFileFormats.Validate(temporary, purpose!, name);
            File.Move(temporary, target);
            // The rename is durable only once the directory is: otherwise a crash can lose a recorded file.
            DirectorySync.Flush(Folder);
            var record = new StoredFile { Id = id, Filename = name, Purpose = purpose!, Bytes = bytes, CreatedAt = UnixTime.Now(), Sha256 = sha256 };
            await using SimCseDbContext database = await databases.CreateDbContextAsync(cancellationToken);
            database.Files.Add(record);
            await database.SaveChangesAsync(CancellationToken.None);
            return ToObject(record);
        }
        catch
        {
            File.Delete(temporary);
            File.Delete(target);
            throw;
        }
    }

    /// <summary>One page of the files (newest first), optionally of one purpose.</summary>
    public async Task<ListResponse<FileObject>> ListPageAsync(string? purpose, PageQuery page, CancellationToken cancellationToken) =>
        Paging.Paging.Page(await ListAsync(purpose, cancellationToken), file => file.Id, page);

    public async Task<IReadOnlyList<FileObject>> ListAsync(string? purpose, CancellationToken cancellationToken)
    {
        await using SimCseDbContext database = await databases.CreateDbContextAsync(cancellationToken);
        IQueryable<StoredFile> files = database.Files.AsNoTracking();
        if (purpose is not null)
        {
            files = files.Where(file => file.Purpose == purpose);
        }
        List<StoredFile> records = await files.OrderByDescending(file => file.CreatedAt).ThenBy(file => file.Id).ToListAsync(cancellationToken);
        return records.Select(ToObject).ToList();
    }

    public async Task<FileObject> GetAsync(string id, CancellationToken cancellationToken) => ToObject(await FindAsync(id, cancellationToken));

    /// <summary>The stored record and the path of its bytes; 404 for an unknown id.</summary>
    public async Task<(StoredFile Record, string Path)> OpenAsync(string id, CancellationToken cancellationToken)
    {
        StoredFile record = await FindAsync(id, cancellationToken);
        return (record, PathOf(record.Id));
    }

    public string PathOf(string id) => Path.Combine(Folder, id);

    /// <summary>Deletes a file; 409 while a queued or running job still needs it.</summary>
    public async Task<DeletedObject> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        await using SimCseDbContext database = await databases.CreateDbContextAsync(cancellationToken);
        StoredFile record = await database.Files.FirstOrDefaultAsync(file => file.Id == id, cancellationToken)
            ?? throw new SimCseException(ErrorKind.NotFound, $"No file '{id}'.");
        string? user = await database.Jobs.AsNoTracking()
            .Where(job => (job.TrainingFile == id || job.ValidationFile == id) && JobStatuses.Active.Contains(job.Status))
            .Select(job => job.Id).FirstOrDefaultAsync(cancellationToken);
        if (user is not null)
        {
            throw new SimCseException(ErrorKind.Conflict, $"File '{id}' is in use by job '{user}'; cancel the job first.");
        }
        database.Files.Remove(record);
        await database.SaveChangesAsync(cancellationToken);
        File.Delete(PathOf(id));
        return new DeletedObject(id, "file", true);
    }

    /// <summary>Removes temporary uploads a crash left behind (start-up only).</summary>
    public void RemoveTemporaryUploads()
    {
        foreach (string leftover in Directory.EnumerateFiles(Folder, "*" + TemporarySuffix))
        {
            File.Delete(leftover);
        }
    }

    private async Task<StoredFile> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using SimCseDbContext database = await databases.CreateDbContextAsync(cancellationToken);
        return await database.Files.AsNoTracking().FirstOrDefaultAsync(file => file.Id == id, cancellationToken)
            ?? throw new SimCseException(ErrorKind.NotFound, $"No file '{id}'.");
    }

    private async Task<(long Bytes, string Sha256)> CopyAsync(Stream content, string path, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long total = 0;
        byte[] buffer = new byte[81920];
        await using (var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous))
        {
            int read;
            while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
            {
                total += read;
                if (total > MaxBytes)
                {
                    throw new SimCseException(ErrorKind.PayloadTooLarge, $"The file exceeds the upload limit of {MaxBytes} bytes (SimCse:Files:MaxBytes).");
                }
                hash.AppendData(buffer, 0, read);
                await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
            // Durable before the rename publishes it.
            output.Flush(flushToDisk: true);
        }
        return (total, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private static FileObject ToObject(StoredFile record) => new(record.Id, record.Bytes, record.CreatedAt, record.Filename, record.Purpose);
}
