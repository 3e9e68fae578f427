using ActorSync.GraphQL.Http;
using ActorSync.GraphQL.Tests.Infrastructure;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Interactions;
using OpenQA.Selenium.Support.UI;
using Xunit.Abstractions;

namespace ActorSync.GraphQL.Tests.Http;

/// <summary>
/// The real Banana Cake Pop, served by the real app on a loopback socket, driven in headless Chromium: it must render
/// with no internet and run a query through its own UI (DESIGN.md §5). The browser and its driver are given by absolute
/// path, so Selenium Manager never tries to download either.
/// </summary>
public sealed class BananaCakePopBrowserTests(ITestOutputHelper output)
{
    /// <summary>Debian's chromium and chromium-driver, which scripts/setup.sh installs.</summary>
    private const string ChromiumPath = "/usr/bin/chromium";
    private const string ChromeDriverPath = "/usr/bin/chromedriver";

    /// <summary>GitHub's Ubuntu runners come with Google Chrome and a matching driver (in $CHROMEWEBDRIVER) instead.</summary>
    private const string GoogleChromePath = "/usr/bin/google-chrome";

    private const string CompareQuery = "{ compareActors(tmdbIds: [287, 819]) { sharedMovies { movie { title } } } }";

    /// <summary>The IDE's Monaco editor for the operation; the variables and response editors have other model URIs.</summary>
    private const string OperationEditor = ".monaco-editor[data-uri^='file:///operations/']";

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan PageLoadTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan RenderTimeout = TimeSpan.FromSeconds(45);
    private static readonly TimeSpan ResultTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan TypingTimeout = TimeSpan.FromSeconds(45);

    /// <summary>Where the last run's screenshot goes, under the test binaries: look at it when this test fails.</summary>
    public static string ScreenshotPath => Path.Combine(AppContext.BaseDirectory, "TestResults", "bcp.png");

    [Fact]
    public async Task Banana_Cake_Pop_opens_at_graphql_and_runs_an_actor_comparison_in_headless_Chromium()
    {
        var (browserPath, driverPath) = FindBrowser();
        RequireIdeFiles();

        await using var factory = new KestrelApiFactory();
        var baseAddress = factory.BaseAddress;

        using var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(driverPath)!, Path.GetFileName(driverPath));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        var options = new ChromeOptions { BinaryLocation = browserPath };
        // --no-sandbox: CI containers run as root, where Chromium's sandbox cannot start.
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1400,900");

        ChromeDriver? driver = null;
        try
        {
            driver = new ChromeDriver(service, options, CommandTimeout);
            driver.Manage().Timeouts().PageLoad = PageLoadTimeout;

            driver.Navigate().GoToUrl(new Uri(baseAddress, "graphql"));
            Assert.Equal(new Uri(baseAddress, "graphql/"), new Uri(driver.Url));

            WaitForServiceWorker(driver);
            OpenOperationEditor(driver);
            TypeQuery(driver);
            ClickButton(driver, "Run");

            var response = WaitFor(driver, ResultTimeout, "the response pane showing the comparison", d =>
            {
                var text = ResponseText(d);
                return text?.Contains("\"title\": \"Fight Club\"", StringComparison.Ordinal) == true ? text : null;
            });
            output.WriteLine("Response pane:\n" + response);
            Assert.Contains("\"compareActors\"", response);
            Assert.DoesNotContain("\"errors\"", response);
        }
        finally
        {
            if (driver is not null)
            {
                SaveScreenshot(driver);
                driver.Quit();
            }
        }
    }

    /// <summary>
    /// On a first visit the IDE installs its service worker (its offline cache) and reloads the page as soon as that
    /// worker takes control, a few seconds in: whatever was typed before is lost. So wait for the page the worker served
    /// (its navigation timing then has a workerStart). This also proves service-worker.js is served as JavaScript.
    /// </summary>
    private static void WaitForServiceWorker(IWebDriver driver) =>
        WaitFor(driver, RenderTimeout, "the IDE to install its service worker and reload under it", d =>
        {
            try
            {
                return ((IJavaScriptExecutor)d).ExecuteScript("return performance.getEntriesByType('navigation')[0]?.workerStart > 0;") is true ? "reloaded" : null;
            }
            catch (JavaScriptException)
            {
                // Asked in the middle of the reload.
                return null;
            }
        });

    /// <summary>
    /// Waits for the IDE to render, then opens a new document from its welcome screen. With bcp-config.json served it
    /// never asks for connection settings; if it does, that is our failure and is reported as such. Any other dialog
    /// (news, tips) is dismissed.
    /// </summary>
    private void OpenOperationEditor(IWebDriver driver)
    {
        var lastClick = DateTime.MinValue;
        WaitFor(driver, RenderTimeout, "the IDE to render and open a document", d =>
        {
            if (d.FindElements(By.CssSelector(OperationEditor)).FirstOrDefault(e => e.Displayed) is { } editor)
                return editor;
            if (d.FindElements(By.CssSelector("[role='dialog']")).FirstOrDefault(e => e.Displayed) is { } dialog)
            {
                if (dialog.FindElements(By.TagName("input")).Count > 0 || dialog.Text.Contains("connection", StringComparison.OrdinalIgnoreCase))
                    throw new Xunit.Sdk.XunitException($"The IDE asks for connection settings, so it did not take its endpoint from bcp-config.json:\n{dialog.Text}");
                output.WriteLine($"Dismissing a dialog: {dialog.Text}");
                new Actions(d).SendKeys(Keys.Escape).Perform();
                return null;
            }
            // One click, then give the IDE time to open the document before clicking again.
            if (DateTime.UtcNow - lastClick > TimeSpan.FromSeconds(5) && ButtonsNamed(d, "Create Document").FirstOrDefault() is { } create)
            {
                create.Click();
                lastClick = DateTime.UtcNow;
            }
            return null;
        });
    }

    /// <summary>
    /// Types like a user, into Monaco's input (its auto-closed brackets are typed over, not doubled). The IDE may still
    /// remount the editor while it loads the schema, which loses the keys or the element: then type again, within a bound.
    /// </summary>
    private void TypeQuery(IWebDriver driver)
    {
        WaitFor(driver, RenderTimeout, "the IDE to load the schema from the API", d =>
            d.FindElements(By.XPath("//*[normalize-space(text())='Schema available']")).FirstOrDefault());

        var deadline = DateTime.UtcNow + TypingTimeout;
        var seen = "<nothing>";
        var attempts = 0;
        while (DateTime.UtcNow < deadline)
        {
            attempts++;
            try
            {
                var editor = WaitFor(driver, RenderTimeout, "the operation editor", d => d.FindElements(By.CssSelector(OperationEditor)).FirstOrDefault(e => e.Displayed));
                editor.FindElement(By.CssSelector(".view-lines")).Click();
                var input = editor.FindElement(By.CssSelector("textarea"));
                input.SendKeys(Keys.Control + "a");
                input.SendKeys(Keys.Delete);
                input.SendKeys(CompareQuery);

                var settle = new WebDriverWait(driver, TimeSpan.FromSeconds(5)) { PollingInterval = TimeSpan.FromMilliseconds(200) };
                if (settle.Until(_ => (seen = EditorText(editor)) == CompareQuery))
                {
                    // Back to the start of the line, so the screenshot shows the query rather than its scrolled-off tail.
                    input.SendKeys(Keys.Home);
                    output.WriteLine($"Query typed (attempt {attempts}).");
                    return;
                }
            }
            catch (Exception ex) when (ex is StaleElementReferenceException or WebDriverTimeoutException or ElementNotInteractableException)
            {
                // The editor was replaced or has not taken the keys yet: next attempt.
                output.WriteLine($"Typing attempt {attempts} failed ({ex.GetType().Name}); the editor shows \"{seen}\".");
            }
        }
        Assert.Fail($"The operation editor did not take the query in {attempts} attempts within {TypingTimeout.TotalSeconds:0} s; it shows \"{seen}\". Screenshot: {ScreenshotPath}");
    }

    /// <summary>Clicks inside the wait, so a button the IDE re-renders in the meantime is looked up again.</summary>
    private static void ClickButton(IWebDriver driver, string name) =>
        WaitFor(driver, ResultTimeout, $"the {name} button", d =>
        {
            if (ButtonsNamed(d, name).FirstOrDefault(b => b.Enabled) is not { } button)
                return null;
            button.Click();
            return button;
        });

    /// <summary>The response editor's text, or null while it is not there: the one editor that is not the operation's or the variables'.</summary>
    private static string? ResponseText(IWebDriver driver) =>
        driver.FindElements(By.CssSelector(".monaco-editor"))
            .Where(e => e.GetDomAttribute("data-uri") is not { } uri || !uri.StartsWith("file:///", StringComparison.Ordinal))
            .Select(EditorText)
            .FirstOrDefault(text => text.Length > 0);

    /// <summary>
    /// The editor's rendered lines. innerText, not WebDriver's visible text, which leaves out whatever a line scrolls
    /// past the pane's right edge; Monaco renders spaces as no-break spaces.
    /// </summary>
    private static string EditorText(IWebElement editor)
    {
        var lines = editor.FindElement(By.CssSelector(".view-lines"));
        var script = (IJavaScriptExecutor)((IWrapsDriver)lines).WrappedDriver;
        return ((script.ExecuteScript("return arguments[0].innerText;", lines) as string) ?? "").Replace('\u00a0', ' ');
    }

    private static IEnumerable<IWebElement> ButtonsNamed(ISearchContext context, string name) =>
        context.FindElements(By.TagName("button")).Where(b => b.Displayed && b.Text.Trim() == name);

    private static T WaitFor<T>(IWebDriver driver, TimeSpan timeout, string what, Func<IWebDriver, T?> condition) where T : class
    {
        var wait = new WebDriverWait(driver, timeout) { PollingInterval = TimeSpan.FromMilliseconds(250) };
        // The IDE re-renders as it loads; an element found a moment ago may be gone by the next look.
        wait.IgnoreExceptionTypes(typeof(StaleElementReferenceException), typeof(NoSuchElementException));
        try
        {
            return wait.Until(condition)!;
        }
        catch (WebDriverTimeoutException)
        {
            var page = driver.FindElements(By.TagName("body")).FirstOrDefault()?.Text ?? "<no body>";
            throw new Xunit.Sdk.XunitException($"Gave up after {timeout.TotalSeconds:0} s waiting for {what}. Screenshot: {ScreenshotPath}\nPage text:\n{page}");
        }
    }

    private void SaveScreenshot(ChromeDriver driver)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(ScreenshotPath)!);
            driver.GetScreenshot().SaveAsFile(ScreenshotPath);
            output.WriteLine($"Screenshot: {ScreenshotPath}");
        }
        catch (WebDriverException ex)
        {
            // Keep the test's own failure, not this one.
            output.WriteLine($"No screenshot: {ex.Message}");
        }
    }

    /// <summary>
    /// A browser and its driver, both by absolute path: Debian's (what scripts/setup.sh installs), else a GitHub
    /// runner's Chrome. Fails (never skips) without them: a silently skipped browser test proves nothing.
    /// </summary>
    private static (string Browser, string Driver) FindBrowser()
    {
        if (File.Exists(ChromiumPath) && File.Exists(ChromeDriverPath))
            return (ChromiumPath, ChromeDriverPath);
        if (Environment.GetEnvironmentVariable("CHROMEWEBDRIVER") is { Length: > 0 } driverDirectory
            && Path.Combine(driverDirectory, "chromedriver") is var runnerDriver
            && File.Exists(GoogleChromePath) && File.Exists(runnerDriver))
        {
            return (GoogleChromePath, runnerDriver);
        }

        var inCi = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        var fix = inCi
            ? "In CI this is a setup failure: scripts/setup.sh (run by test.sh and .ci/run) installs them."
            : "scripts/setup.sh installs them (apt-get install chromium chromium-driver; ./test.sh runs it for you).";
        throw new Xunit.Sdk.XunitException($"{ChromiumPath} and {ChromeDriverPath} are needed for the Banana Cake Pop browser test and were not both found. {fix}");
    }

    /// <summary>The build copies the IDE from npm; without npm it cannot, and this says so rather than timing out.</summary>
    private static void RequireIdeFiles()
    {
        var index = Path.Combine(AppContext.BaseDirectory, BananaCakePop.DefaultAssetsFolder, "index.html");
        if (!File.Exists(index))
            Assert.Fail($"{index} is missing: the build installs Banana Cake Pop with npm (npm ci in ActorSync.GraphQL/Ide). Install Node.js and npm, then build again.");
    }
}
