using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using SimCse.Api.Endpoints;
using SimCse.Api.Errors;

namespace SimCse.Api.Tests.Hardening;

/// <summary>The error table's new rows, and header values that Kestrel would refuse.</summary>
public sealed class ErrorDescriptionTests
{
    [Theory]
    [InlineData(5)]
    [InlineData(6)]
    public async Task ALockedDatabaseIs503WithRetryAfter(int sqliteCode)
    {
        // EF Core wraps the provider's error; the mapping must see through it.
        var exception = new DbUpdateException("save failed", new SqliteException("database is locked", sqliteCode));
        var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Response.Body = new MemoryStream();
        var handler = new ProblemExceptionHandler(services.GetRequiredService<IProblemDetailsService>(), NullLogger<ProblemExceptionHandler>.Instance);

        bool handled = await handler.TryHandleAsync(context, exception, CancellationToken.None);

        Assert.True(handled);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.Equal("2", context.Response.Headers.RetryAfter.ToString());
    }

    [Fact]
    public void OtherDatabaseErrorsAreNotBusy()
    {
        Assert.False(ProblemExceptionHandler.IsDatabaseBusy(new DbUpdateException("x", new SqliteException("constraint failed", 19))));
        Assert.Equal(StatusCodes.Status500InternalServerError, ProblemExceptionHandler.Describe(new InvalidOperationException("bug")).Status);
    }

    [Theory]
    [InlineData("all-MiniLM-L6-v2", "all-MiniLM-L6-v2")]
    [InlineData("ft:all-MiniLM-L6-v2:ftjob-abc:step-10", "ft:all-MiniLM-L6-v2:ftjob-abc:step-10")]
    [InlineData("modèle", "mod%C3%A8le")]
    [InlineData("100%", "100%25")]
    [InlineData("a\nb", "a%0Ab")]
    public void ModelIdsBecomeAsciiHeaderValues(string id, string header)
    {
        string encoded = ModelVersionHeader.Encode(id);

        Assert.Equal(header, encoded);
        Assert.All(encoded, c => Assert.InRange(c, ' ', '~'));
        Assert.Equal(id, Uri.UnescapeDataString(encoded));
    }
}
