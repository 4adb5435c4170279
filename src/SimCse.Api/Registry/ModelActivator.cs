using SimCse.Core.Errors;
using SimCse.Core.Models;
using SimCse.Core.Runtime;
using SimCse.Core.Tokenization;

namespace SimCse.Api.Registry;

/// <summary>
/// Hot swap: load and verify a model on a side thread while the old one keeps serving, then hand it to
/// the model thread, which switches between batches. Any failure before the hand-over leaves the old
/// model serving. Activations run one at a time.
/// </summary>
public sealed partial class ModelActivator(
    ModelRegistry registry,
    ModelFactory factory,
    ModelRuntime runtime,
    ILogger<ModelActivator> logger) : IDisposable
{
    private static readonly string[] WarmUpTexts =
    [
        "ready",
        "A man is playing a guitar on the stage.",
        "The quick brown fox jumps over the lazy dog while the farmer, who had been awake since dawn, watches from the porch.",
    ];

    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    /// <summary>
    /// Makes <paramref name="id"/> the active model fleet-wide: verified and swapped here first, then written as the
    /// desired active model, which every other replica converges to (<see cref="Fleet.ModelConvergenceService"/>).
    /// The swap and the write happen under one lock, so this replica's convergence loop can never see the new model
    /// serving while the old one is still desired and swap it back. Returns once new requests on this replica are
    /// served by it.
    /// </summary>
    /// <exception cref="SimCseException">NotFound (404) for an unknown id.</exception>
    /// <exception cref="SimCseException">Unprocessable (422) when it fails to load or verify.</exception>
    public async Task ActivateAsync(string id, CancellationToken cancellationToken)
    {
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            await SwapInAsync(id, cancellationToken);
            await registry.SetActiveModelIdAsync(id, CancellationToken.None);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    /// <summary>
    /// Load, verify and swap <paramref name="desired"/> on this replica only, if it is still the fleet's desired model
    /// once the lock is held: an activation that finished while this waited has already changed it, and wins.
    /// </summary>
    /// <returns>False when the desired model changed meanwhile and nothing was swapped.</returns>
    public async Task<bool> ConvergeLocallyAsync(string desired, CancellationToken cancellationToken)
    {
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            if (registry.ActiveModelId() != desired)
            {
                return false;
            }
            await SwapInAsync(desired, cancellationToken);
            return true;
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    /// <summary>The hot swap itself; the caller holds <see cref="_oneAtATime"/>.</summary>
    private async Task SwapInAsync(string id, CancellationToken cancellationToken)
    {
        long started = TimeProvider.System.GetTimestamp();
        if (runtime.ActiveModelId != id)
        {
            if (runtime.LoadedModelIds.Contains(id))
            {
                await runtime.ActivateAsync(id);
            }
            else
            {
                ModelLocation location = registry.Locate(id);
                IEmbeddingModel model = await Task.Run(() => LoadAndVerify(location), cancellationToken);
                try
                {
                    await runtime.SwapAsync(model);
                }
                catch
                {
                    model.Dispose();
                    throw;
                }
            }
        }
        double seconds = TimeProvider.System.GetElapsedTime(started).TotalSeconds;
        LogActivated(logger, id, seconds);
    }

    public void Dispose() => _oneAtATime.Dispose();

    /// <summary>Loads (manifest hashes and config are checked by the loader), then runs warm-up forwards that must give finite unit vectors.</summary>
    private IEmbeddingModel LoadAndVerify(ModelLocation location)
    {
        IEmbeddingModel model;
        try
        {
            model = factory.Load(location);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or ArgumentException or UnauthorizedAccessException)
        {
            throw new SimCseException(ErrorKind.Unprocessable, $"Model '{location.Id}' failed to load: {ex.Message}", ex);
        }
        try
        {
            Verify(model);
            return model;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    private static void Verify(IEmbeddingModel model)
    {
        TokenizedInput[] batch = WarmUpTexts.Select(text => model.Tokenizer.Encode(text, model.Tokenizer.MaxLength)).ToArray();
        float[][] vectors = model.Embed(batch);
        bool healthy = vectors.Length == batch.Length && vectors.All(vector =>
            vector.Length == model.Dimensions
            && vector.All(float.IsFinite)
            && Math.Abs(vector.Sum(value => (double)value * value) - 1) < 1e-3);
        if (!healthy)
        {
            throw new SimCseException(ErrorKind.Unprocessable, $"Model '{model.Id}' produced non-finite or malformed vectors in its verification pass.");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Activated model {ModelId} in {Seconds:F2} s")]
    private static partial void LogActivated(ILogger logger, string modelId, double seconds);
}
