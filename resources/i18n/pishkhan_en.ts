<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="fa_IR">
<context>
    <name>HomePage</name>
    <message>
        <source>دفتر</source>
        <translation>Office</translation>
    </message>
    <message>
        <source>کد دفتر</source>
        <translation>Office code</translation>
    </message>
    <message>
        <source>نوع دفتر</source>
        <translation>Office type</translation>
    </message>
    <message>
        <source>نقش‌ها</source>
        <translation>Roles</translation>
    </message>
    <message>
        <source>شناسه پایانه</source>
        <translation>Terminal ID</translation>
    </message>
    <message>
        <source>زمان ورود</source>
        <translation>Signed in at</translation>
    </message>
    <message>
        <source>محیط سامانه</source>
        <translation>Server environment</translation>
    </message>
    <message>
        <source>اپراتور پیشخوان</source>
        <translation>Counter operator</translation>
    </message>
    <message>
        <source>صندوق‌دار</source>
        <translation>Cashier</translation>
    </message>
    <message>
        <source>کارمند دفتر اسناد رسمی</source>
        <translation>Notary office staff</translation>
    </message>
    <message>
        <source>دفتر پیشخوان دولت</source>
        <translation>Government counter office</translation>
    </message>
    <message>
        <source>دفتر اسناد رسمی</source>
        <translation>Notary office</translation>
    </message>
    <message>
        <source>خوش آمدید، {name}</source>
        <translation>Welcome, {name}</translation>
    </message>
    <message>
        <source>آموزشی (داده‌های نمونه)</source>
        <translation>Training (sample data)</translation>
    </message>
    <message>
        <source>عملیاتی</source>
        <translation>Production</translation>
    </message>
    <message>
        <source>گاوصندوق امن سیستم‌عامل در دسترس نیست؛ نشست فقط تا بستن برنامه در حافظه نگه داشته می‌شود و در هیچ پرونده‌ای ذخیره نمی‌شود.</source>
        <translation>The operating system&apos;s secure keyring is not available: the session is kept in memory only until the application closes, and is never written to a file.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>خانه</source>
        <translation>Home</translation>
    </message>
    <message>
        <source>خروج</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <source>سامانه: {url}</source>
        <translation>Server: {url}</translation>
    </message>
    <message>
        <source>آموزشی</source>
        <translation>TRAINING</translation>
    </message>
    <message>
        <source>پیشخوان شهرداری</source>
        <translation>Municipal Counter</translation>
    </message>
    <message>
        <source>وارد نشده</source>
        <translation>Not signed in</translation>
    </message>
    <message>
        <source>متصل</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>قطع ارتباط</source>
        <translation>Offline</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>به‌دلیل تلاش‌های ناموفق پیاپی، ورود این کاربر موقتاً بسته است. {minutes} دقیقه دیگر دوباره تلاش کنید.</source>
        <translation>Sign-in for this user is locked after repeated failed attempts. Try again in {minutes} minutes.</translation>
    </message>
    <message>
        <source>نشست کاری شما پایان یافته است. لطفاً دوباره وارد شوید.</source>
        <translation>Your session has ended. Please sign in again.</translation>
    </message>
    <message>
        <source>نام کاربری، گذرواژه یا کد دفتر درست نیست.</source>
        <translation>The username, password or office code is not correct.</translation>
    </message>
    <message>
        <source>این کاربر اجازه این کار را ندارد.</source>
        <translation>This user is not allowed to do that.</translation>
    </message>
    <message>
        <source>مورد خواسته‌شده در سامانه شهرداری پیدا نشد.</source>
        <translation>The municipal system has no such record.</translation>
    </message>
    <message>
        <source>اطلاعات واردشده پذیرفته نشد. فیلدهای نادرست: {fields}</source>
        <translation>The entry was not accepted. Fields to correct: {fields}</translation>
    </message>
    <message>
        <source>اطلاعات واردشده پذیرفته نشد.</source>
        <translation>The entry was not accepted.</translation>
    </message>
    <message>
        <source>این کار هم‌اکنون در حال انجام است؛ کمی بعد دوباره تلاش کنید.</source>
        <translation>This action is already in progress; try again shortly.</translation>
    </message>
    <message>
        <source>سامانه شهرداری در زمان مقرر پاسخ نداد. اتصال شبکه را بررسی کنید و دوباره تلاش کنید.</source>
        <translation>The municipal system did not answer in time. Check the network connection and try again.</translation>
    </message>
    <message>
        <source>اتصال به سامانه شهرداری برقرار نیست. اتصال شبکه را بررسی کنید.</source>
        <translation>Cannot reach the municipal system. Check the network connection.</translation>
    </message>
    <message>
        <source>نشانی سامانه امن نیست یا گواهی امنیتی آن معتبر نیست؛ اتصال برقرار نشد.</source>
        <translation>The server address is not secure or its certificate is not valid; no connection was made.</translation>
    </message>
    <message>
        <source>سامانه شهرداری با خطا روبه‌رو شد. کمی بعد دوباره تلاش کنید.</source>
        <translation>The municipal system had an error. Try again shortly.</translation>
    </message>
    <message>
        <source>خطای پیش‌بینی‌نشده‌ای رخ داد. جزئیات در گزارش برنامه ثبت شد.</source>
        <translation>An unexpected error occurred. The details are in the application log.</translation>
    </message>
</context>
<context>
    <name>SignInPage</name>
    <message>
        <source>ورود به پیشخوان شهرداری</source>
        <translation>Sign in to the Municipal Counter</translation>
    </message>
    <message>
        <source>سامانه: {url}</source>
        <translation>Server: {url}</translation>
    </message>
    <message>
        <source>نام کاربری</source>
        <translation>Username</translation>
    </message>
    <message>
        <source>گذرواژه</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>کد دفتر</source>
        <translation>Office code</translation>
    </message>
    <message>
        <source>ورود</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>در حال آماده‌سازی سامانه آموزشی…</source>
        <translation>Starting the training server…</translation>
    </message>
    <message>
        <source>در حال ورود…</source>
        <translation>Signing in…</translation>
    </message>
    <message>
        <source>نام کاربری را وارد کنید.</source>
        <translation>Enter the username.</translation>
    </message>
    <message>
        <source>گذرواژه را وارد کنید.</source>
        <translation>Enter the password.</translation>
    </message>
    <message>
        <source>کد دفتر باید به شکل دو حرف لاتین، خط تیره و چهار رقم باشد؛ مانند {example}.</source>
        <translation>Office code must be two Latin letters, a hyphen and four digits, like {example}.</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>سامانه آموزشی راه‌اندازی نشد. جزئیات در گزارش برنامه ثبت شد.</source>
        <translation>The training server did not start. The details are in the application log.</translation>
    </message>
</context>
</TS>
