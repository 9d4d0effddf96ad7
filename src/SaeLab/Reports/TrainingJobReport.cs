using System.Globalization;
using SaeLab.Training;
using SaeLab.Training.Jobs;
using SaeLab.Training.Streaming;
using SaeLab.Training.Supervised;

namespace SaeLab.Reports;

/// <summary>The lines <c>saelab train</c> prints about a finished job: the SAE, then the head of a supervised run or the memory plan of a streamed one.</summary>
public static class TrainingJobReport
{
    /// <summary>The lines about <paramref name="result"/>.</summary>
    public static string Text(TrainingJobResult result)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        Write(output, result);
        return output.ToString();
    }

    private static void Write(TextWriter output, TrainingJobResult result)
    {
        EpochStats last = result.Training.Epochs[^1];
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"trained {result.Training.Sae.DIn} -> {result.Training.Sae.DSae} SAE on {result.Vectors} vectors in {result.Training.Seconds:F1} s: " +
            $"loss {last.Loss:G5}, mse {last.Reconstruction:G5}, l0 {last.L0:F1}; wrote {result.Output}"));
        if (result.Supervised is { } supervised)
        {
            WriteHead(output, supervised);
        }

        if (result.Plan is { } plan)
        {
            WriteMemory(output, plan);
        }
    }

    private static void WriteHead(TextWriter output, SupervisedTrainingResult run)
    {
        SupervisedEpochStats last = run.Epochs[^1];
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"supervised head: cross-entropy {last.CrossEntropy:G5}, train accuracy {last.TrainAccuracy:P1}; trained on {run.Split.TrainProblems.Length} problems, " +
            $"held out {run.Split.TestProblems.Length} (the probes' test split)"));
    }

    private static void WriteMemory(TextWriter output, StreamingMemoryPlan plan)
    {
        string sample = plan.SampleRows > 0 ? $", methods' sample {plan.SampleRows} rows {StreamingMemoryPlan.Megabytes(plan.SampleBytes)}" : "";
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"memory: cap {StreamingMemoryPlan.Megabytes(plan.CapBytes)}, planned {StreamingMemoryPlan.Megabytes(plan.TotalBytes)} " +
            $"(baseline {StreamingMemoryPlan.Megabytes(plan.BaselineBytes)}, model {StreamingMemoryPlan.Megabytes(plan.ModelBytes)}, " +
            $"queue {StreamingMemoryPlan.Megabytes(plan.QueueBytes)}, shuffle buffer {plan.WindowRows} rows {StreamingMemoryPlan.Megabytes(plan.WindowBytes)}{sample}), " +
            $"peak working set {StreamingMemoryPlan.Megabytes(StreamingTrainer.PeakWorkingSetBytes())} (the SAE folder written)"));
        if (plan.SampleShrunk)
        {
            output.WriteLine(
                $"note: the methods' sample holds {plan.SampleRows} of the {plan.RequestedSampleRows} rows asked for (--sample-rows): " +
                "that is what --max-memory leaves beside the model, the queue and one shuffle chunk");
        }
    }
}
