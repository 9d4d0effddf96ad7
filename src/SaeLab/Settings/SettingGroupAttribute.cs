namespace SaeLab.Settings;

/// <summary>
/// Marks a property holding another config record (the training methods) whose settings are flat on the command line
/// and nested under this property's key in experiment files.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SettingGroupAttribute : Attribute;
