using SimCse.Modeling.Training;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SimCse.Modeling.Tests.Training;

/// <summary>The fused optimizer makes TorchSharp's AdamW updates, clips like clip_grad_norm_, and resumes from its file.</summary>
[Collection(TorchRandomStateGroup.Name)]
public sealed class FusedAdamWTests
{
    [Fact]
    public void UpdatesAsTorchSharpsAdamWWithGroupsAndASchedule()
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        (Parameter[] fused, Parameter[] reference) = TwinParameters();
        using var optimizer = new FusedAdamW([(fused.Take(2), 0.01), (fused.Skip(2), 0.0)], 1e-2);
        using var torchSharp = optim.AdamW([
            new AdamW.ParamGroup(reference.Take(2), 1e-2, weight_decay: 0.01),
            new AdamW.ParamGroup(reference.Skip(2), 1e-2, weight_decay: 0.0)], 1e-2);

        foreach (double learningRate in new[] { 1e-2, 5e-3, 2e-3 })
        {
            Tensor[] gradients = [.. fused.Select(p => randn_like(p))];
            optimizer.ZeroGrad();
            torchSharp.zero_grad();
            for (int i = 0; i < fused.Length; i++)
            {
                fused[i].grad = gradients[i].clone();
                reference[i].grad = gradients[i].clone();
            }
            optimizer.LearningRate = learningRate;
            foreach (var group in torchSharp.ParamGroups)
            {
                group.LearningRate = learningRate;
            }
            optimizer.Step();
            torchSharp.step();
        }

        Assert.Equal(3, optimizer.StepCount);
        for (int i = 0; i < fused.Length; i++)
        {
            Assert.True(fused[i].allclose(reference[i], rtol: 1e-5, atol: 1e-7), $"parameter {i}");
            Assert.False(fused[i].allclose(Initial(i)), $"parameter {i} did not move");
        }
    }

    [Fact]
    public void ClipsTheGlobalNormAsClipGradNorm()
    {
        using var scope = NewDisposeScope();
        manual_seed(4);
        (Parameter[] fused, Parameter[] reference) = TwinParameters();
        for (int i = 0; i < fused.Length; i++)
        {
            Tensor gradient = randn_like(fused[i]).mul_(3);
            fused[i].grad = gradient.clone();
            reference[i].grad = gradient.clone();
        }
        using var optimizer = new FusedAdamW([(fused, 0.0)], 1e-3);

        double norm = optimizer.ClipGradNorm(1.0);
        double expected = nn.utils.clip_grad_norm_(reference, 1.0);

        Assert.Equal(expected, norm, 4);
        Assert.True(norm > 1);
        for (int i = 0; i < fused.Length; i++)
        {
            Assert.True(fused[i].grad!.allclose(reference[i].grad!, rtol: 1e-5, atol: 1e-7), $"gradient {i}");
        }
    }

    [Fact]
    public void ResumesFromItsSavedStateAndRejectsOtherFiles()
    {
        using var scope = NewDisposeScope();
        manual_seed(5);
        (Parameter[] first, Parameter[] second) = TwinParameters();
        using var running = new FusedAdamW([(first, 0.01)], 1e-2);
        Tensor[][] gradients = [.. Enumerable.Range(0, 3).Select(_ => first.Select(p => randn_like(p)).ToArray())];
        string path = Path.Combine(Directory.CreateDirectory(TinyBert.NewFolder()).FullName, "state.optimizer");
        for (int step = 0; step < 2; step++)
        {
            Apply(running, first, gradients[step]);
            Apply(null, second, gradients[step], copyFrom: first);
        }
        running.Save(path);

        using var resumed = new FusedAdamW([(second, 0.01)], 1e-2);
        Assert.True(resumed.TryLoad(path));
        Apply(running, first, gradients[2]);
        Apply(resumed, second, gradients[2]);

        Assert.Equal(3, resumed.StepCount);
        Assert.All(Enumerable.Range(0, first.Length), i => Assert.True(first[i].allclose(second[i], rtol: 1e-6, atol: 1e-8), $"parameter {i}"));
        string other = Path.Combine(Path.GetDirectoryName(path)!, "torchsharp.optimizer");
        using (var torchSharp = optim.AdamW(second, 1e-2))
        {
            torchSharp.save_state_dict(other);
        }
        Assert.False(resumed.TryLoad(other));
        using var smaller = new FusedAdamW([(second.Take(1), 0.01)], 1e-2);
        Assert.False(smaller.TryLoad(path));
    }

    [Fact]
    public void ZeroGradClearsAndParametersWithoutAGradientStayPut()
    {
        using var scope = NewDisposeScope();
        (Parameter[] parameters, _) = TwinParameters();
        using var optimizer = new FusedAdamW([(parameters, 0.01)], 1e-2);
        parameters[0].grad = ones_like(parameters[0]);

        optimizer.ZeroGrad();
        parameters[1].grad = ones_like(parameters[1]);
        optimizer.Step();

        Assert.Null(parameters[0].grad);
        Assert.True(parameters[0].allclose(Initial(0)));
        Assert.False(parameters[1].allclose(Initial(1)));
    }

    private static void Apply(FusedAdamW? optimizer, Parameter[] parameters, Tensor[] gradients, Parameter[]? copyFrom = null)
    {
        if (optimizer is null)
        {
            using var noGrad = no_grad();
            for (int i = 0; i < parameters.Length; i++)
            {
                parameters[i].copy_(copyFrom![i]);
            }
            return;
        }
        optimizer.ZeroGrad();
        for (int i = 0; i < parameters.Length; i++)
        {
            parameters[i].grad = gradients[i].clone();
        }
        optimizer.Step();
    }

    private static Tensor Initial(int index) => arange(index == 0 ? 12 : 5, dtype: ScalarType.Float32).mul(0.1 * (index + 1)).view(index == 0 ? [3, 4] : [5]);

    private static (Parameter[] First, Parameter[] Second) TwinParameters()
    {
        Parameter[] Make() => [.. Enumerable.Range(0, 4).Select(i => new Parameter(Initial(i).clone(), requires_grad: true))];
        return (Make(), Make());
    }
}
