using SaeLab.Training.Methods;

namespace SaeLab.Tests.Training.Methods;

public sealed class TrainingScheduleTests
{
    [Fact]
    public void EverythingOff_IsConstant()
    {
        var schedule = new TrainingSchedule(1e-3, 10, new TrainingMethods());
        Assert.All(Enumerable.Range(1, 10), step => Assert.Equal(1e-3, schedule.LearningRateAt(step)));
        Assert.All(Enumerable.Range(1, 10), step => Assert.Equal(1.0, schedule.SparsityScaleAt(step)));
    }

    [Fact]
    public void WarmupAndDecay_AreLinearRamps_HandWorked()
    {
        var schedule = new TrainingSchedule(1.0, 10, new TrainingMethods { LrWarmupSteps = 4, LrDecaySteps = 5, L1WarmupSteps = 2 });
        double[] rates = [.. Enumerable.Range(1, 10).Select(step => schedule.LearningRateAt(step))];
        Assert.Equal([0.25, 0.5, 0.75, 1.0, 1.0, 1.0, 0.8, 0.6, 0.4, 0.2], rates, (a, b) => Math.Abs(a - b) < 1e-12);
        Assert.Equal([0.5, 1.0, 1.0], [schedule.SparsityScaleAt(1), schedule.SparsityScaleAt(2), schedule.SparsityScaleAt(3)]);
    }

    [Fact]
    public void OverlappingRamps_TakeTheSmallerFactor()
    {
        var schedule = new TrainingSchedule(2.0, 4, new TrainingMethods { LrWarmupSteps = 4, LrDecaySteps = 4 });
        Assert.Equal([0.5, 1.0, 1.0, 0.5], [.. Enumerable.Range(1, 4).Select(step => schedule.LearningRateAt(step))]);
    }

    [Fact]
    public void Describe_NamesTheMethodsThatAreOn()
    {
        Assert.Equal("none", new TrainingMethods().Describe());
        Assert.Equal(
            "unit-norm decoder, b_dec geometric median, normalised inputs, l1 warm-up 10, lr warm-up 5, lr decay 20, clip 1, resample every 50",
            TrainingMethodsExamples.Every.Describe());
    }
}
