using System.CommandLine;
using SaeLab.Labels;
using SaeLab.Reports;

namespace SaeLab.Cli.Commands;

/// <summary>
/// <c>saelab label-ops PROBLEMS.json</c>: the seed's operation labels from worked solutions, and optionally an
/// activation file with those labels attached as a metadata column (matched by problem); maps its flags onto a
/// <see cref="LabelOpsJob"/>, runs it and prints its result.
/// </summary>
internal static class LabelOpsCommand
{
    public static Command Create()
    {
        var problems = new Argument<string>("problems") { Description = "JSON array of problems, each with a worked 'answer'" };
        var output = new Option<string?>("--out") { Description = "Write the labels and counts as JSON" };
        var attach = new Option<string?>("--attach") { Description = "Activation file to label: each vector gets its problem's label" };
        var attachedOutput = new Option<string?>("--to") { Description = "Where to write the labelled activation file (.safetensors or .npz); needs --attach" };
        var command = new Command("label-ops", "Label each problem pure_addition / pure_multiplication / mixed from its worked solution, as the seed did")
        {
            problems, output, attach, attachedOutput,
        };
        var matchFlags = new SettingFlags<LabelAttachOptions>();
        matchFlags.AddTo(command);
        command.SetAction(parse =>
        {
            var job = new LabelOpsJob
            {
                Problems = parse.GetValue(problems)!,
                Out = parse.GetValue(output),
                Attach = parse.GetValue(attach),
                To = parse.GetValue(attachedOutput),
                Match = matchFlags.Read(parse, new LabelAttachOptions()),
            };
            LabelOpsResult result = job.Run();
            TextWriter console = parse.InvocationConfiguration.Output;
            console.Write(LabelingReport.Text(result.Labeling));
            if (result.Labelled is { } labelled)
            {
                console.WriteLine($"wrote {labelled.Count} labelled vectors to {job.To}");
            }

            return 0;
        });
        return command;
    }
}
