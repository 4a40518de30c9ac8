namespace FlowForge.Web.Components.Settings;

/// <summary>Which part of an instance card is open below its summary; one at a time.</summary>
public enum InstancePanel
{
    None,
    Edit,
    Token,
    Watch,
    Remove,
}
