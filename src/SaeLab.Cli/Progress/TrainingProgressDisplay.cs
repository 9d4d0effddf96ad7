using System.Globalization;
using SaeLab.Training;
using Spectre.Console;

namespace SaeLab.Cli.Progress;

/// <summary>
/// Shows a training run on stderr: one Spectre.Console progress bar per epoch on a terminal, one plain line per
/// epoch when stderr is redirected (logs stay readable), nothing with <c>--quiet</c>.
/// </summary>
internal static class TrainingProgressDisplay
{
    /// <summary>Runs <paramref name="train"/> (a training run, or a job around one), handing it the progress sink that fits <paramref name="error"/>.</summary>
    public static T Run<T>(TextWriter error, bool quiet, Func<IProgress<TrainingProgress>?, T> train)
    {
        if (quiet)
        {
            return train(null);
        }

        if (error != Console.Error || Console.IsErrorRedirected)
        {
            return train(new Sink(report =>
            {
                if (report.Completed is { } stats)
                {
                    error.WriteLine(Describe(stats, report.Epochs));
                }
            }));
        }

        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                ProgressTask? task = null;
                return train(new Sink(report =>
                {
                    if (report.Batch == 1 || task is null)
                    {
                        task = context.AddTask($"epoch {report.Epoch}/{report.Epochs}", maxValue: report.Batches);
                    }

                    task.Value = report.Batch;
                    if (report.Completed is { } stats)
                    {
                        task.Description = Markup.Escape(string.Create(
                            CultureInfo.InvariantCulture, $"epoch {stats.Epoch}/{report.Epochs} loss {stats.Loss:G4} mse {stats.Reconstruction:G4} l0 {stats.L0:F1}"));
                    }
                }));
            });
    }

    private static string Describe(EpochStats stats, int epochs) => string.Create(
        CultureInfo.InvariantCulture,
        $"epoch {stats.Epoch}/{epochs}  loss {stats.Loss:G5}  mse {stats.Reconstruction:G5}  l1 {stats.Sparsity:G5}  l0 {stats.L0:F1}  {stats.Seconds:F2} s");

    /// <summary>Reports on the training thread, unlike <see cref="Progress{T}"/>, which posts to the thread pool.</summary>
    private sealed class Sink(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
