namespace SaeLab.Training.Optimization;

/// <summary>A parameter array seen as a row-major matrix [<see cref="Rows"/>, <see cref="Columns"/>] (a bias is one row).</summary>
/// <param name="Values">The parameters, updated in place.</param>
/// <param name="Columns">Row width; must divide <c>Values.Length</c>.</param>
public readonly record struct ParameterMatrix(float[] Values, int Columns)
{
    /// <summary>Number of rows, Values.Length / Columns.</summary>
    public int Rows => Values.Length / Columns;
}
