using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using SimCse.Api.Contracts;
using SimCse.Api.Files;
using SimCse.Api.OpenApi;
using SimCse.Api.Paging;
using SimCse.Core.Errors;

namespace SimCse.Api.Endpoints;

/// <summary>Admin routes: <c>/v1/files</c> (OpenAI Files API: upload, list, get, delete).</summary>
public static class FilesEndpoints
{
    /// <summary>Room for the multipart framing and the purpose field around the file itself.</summary>
    private const long MultipartOverhead = 64 * 1024;

    public static RouteGroupBuilder MapFiles(this RouteGroupBuilder group)
    {
        group.MapPost("/files", UploadAsync)
            .WithName("UploadFile")
            .WithSummary("Upload a training or evaluation file")
            .WithDescription("multipart/form-data with `file` and `purpose` (`fine-tune` or `evaluation`). Checked on upload: fine-tune files are unsupervised text (one sentence per line) or supervised TSV `anchor<TAB>positive[<TAB>negative]` / JSONL `{\"anchor\",\"positive\",\"negative\"?}` (told apart by content); evaluation files are TSV `score<TAB>sentence1<TAB>sentence2` or JSONL `{\"sentence1\",\"sentence2\",\"score\"}`. A bad file gives 400 naming its first bad line; larger than SimCse:Files:MaxBytes gives 413.")
            .Accepts<IFormFile>("multipart/form-data")
            .DisableAntiforgery()
            .ProducesStandardProblems()
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        group.MapGet("/files", async (string? purpose, string? after, int? limit, FileStore files, CancellationToken cancellationToken) =>
                TypedResults.Ok(await files.ListPageAsync(purpose, PageQuery.From(after, limit), cancellationToken)))
            .WithName("ListFiles")
            .WithSummary("List uploaded files (newest first), optionally of one purpose")
            .WithDescription("Pages like OpenAI: `limit` 1–100 (default 20), `after` the id of the last file of the previous page; `has_more` says whether another page follows.")
            .ProducesStandardProblems();
        group.MapGet("/files/{id}", async (string id, FileStore files, CancellationToken cancellationToken) =>
                TypedResults.Ok(await files.GetAsync(id, cancellationToken)))
            .WithName("GetFile")
            .WithSummary("One uploaded file")
            .ProducesStandardProblems();
        group.MapGet("/files/{id}/content", async (string id, FileStore files, CancellationToken cancellationToken) =>
                TypedResults.PhysicalFile((await files.OpenAsync(id, cancellationToken)).Path, "application/octet-stream"))
            .WithName("GetFileContent")
            .WithSummary("The stored bytes of an uploaded file")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream")
            .ProducesStandardProblems();
        group.MapDelete("/files/{id}", async (string id, FileStore files, CancellationToken cancellationToken) =>
                TypedResults.Ok(await files.DeleteAsync(id, cancellationToken)))
            .WithName("DeleteFile")
            .WithSummary("Delete an uploaded file (409 while a queued or running job uses it)")
            .ProducesStandardProblems()
            .ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }

    private static async Task<Ok<FileObject>> UploadAsync(HttpContext context, FileStore files)
    {
        long limit = files.MaxBytes + MultipartOverhead;
        // Kestrel's global body limit is sized for inference requests; raise it for this route only.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
        {
            bodyLimit.MaxRequestBodySize = limit;
        }
        if (context.Request.ContentLength > limit)
        {
            throw new SimCseException(ErrorKind.PayloadTooLarge, $"The upload exceeds the limit of {files.MaxBytes} bytes (SimCse:Files:MaxBytes).");
        }
        if (!context.Request.HasFormContentType)
        {
            throw new SimCseException(ErrorKind.UnsupportedMediaType, "Send the file as multipart/form-data with fields 'file' and 'purpose'.");
        }
        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = limit }, context.RequestAborted);
        }
        catch (InvalidDataException ex) when (ex.Message.Contains("length limit", StringComparison.OrdinalIgnoreCase))
        {
            throw new SimCseException(ErrorKind.PayloadTooLarge, $"The upload exceeds the limit of {files.MaxBytes} bytes (SimCse:Files:MaxBytes).", ex);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException && ex is not BadHttpRequestException && !context.RequestAborted.IsCancellationRequested)
        {
            // A missing boundary, a section cut short, a bad section header: the client's body, not our fault.
            throw new SimCseException(ErrorKind.BadRequest, "The body is not valid multipart/form-data (check the boundary and that every part is complete); send fields 'file' and 'purpose'.", ex);
        }
        IFormFile file = form.Files.GetFile("file") ?? throw new InvalidInputException("'file' is required (a multipart file field).");
        string? purpose = form["purpose"].FirstOrDefault();
        await using Stream content = file.OpenReadStream();
        return TypedResults.Ok(await files.SaveAsync(content, file.FileName, purpose, context.RequestAborted));
    }
}
