<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="fa_IR">
<context>
    <name>AssessmentView</name>
    <message>
        <source>کد</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>شرح</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>طبقه</source>
        <translation>Floor</translation>
    </message>
    <message>
        <source>مبلغ (ریال)</source>
        <translation>Amount (rials)</translation>
    </message>
    <message>
        <source>ردیفی را برگزینید تا روش محاسبه آن نمایش داده شود.</source>
        <translation>Select a line to see how it was computed.</translation>
    </message>
    <message>
        <source>فرمول: {formula}</source>
        <translation>Formula: {formula}</translation>
    </message>
    <message>
        <source>ورودی‌ها: {values}</source>
        <translation>Inputs: {values}</translation>
    </message>
    <message>
        <source>مقادیر میانی: {values}</source>
        <translation>Intermediate values: {values}</translation>
    </message>
    <message>
        <source>مبلغ پایه: {value} ریال</source>
        <translation>Base amount: {value} rials</translation>
    </message>
    <message>
        <source>حداقل: {value} ریال</source>
        <translation>Minimum: {value} rials</translation>
    </message>
    <message>
        <source>حداقل: {value} ریال — اعمال شد</source>
        <translation>Minimum: {value} rials — applied</translation>
    </message>
    <message>
        <source>سقف: {value} ریال — اعمال شد</source>
        <translation>Cap: {value} rials — applied</translation>
    </message>
    <message>
        <source>سقف: {value} ریال</source>
        <translation>Cap: {value} rials</translation>
    </message>
    <message>
        <source>تخفیف: {percent}٪ — {reason}</source>
        <translation>Discount: {percent}% — {reason}</translation>
    </message>
    <message>
        <source>{rule}: {before} ← {after} ریال</source>
        <translation>{rule}: {before} → {after} rials</translation>
    </message>
    <message>
        <source>مبنای قانونی: {legal}</source>
        <translation>Legal basis: {legal}</translation>
    </message>
    <message>
        <source>توضیح: {notes}</source>
        <translation>Note: {notes}</translation>
    </message>
</context>
<context>
    <name>FeeCaseForm</name>
    <message>
        <source>پروانه ساختمانی</source>
        <translation>Building permit</translation>
    </message>
    <message>
        <source>نقل و انتقال (استعلام دفترخانه)</source>
        <translation>Transfer (notary inquiry)</translation>
    </message>
    <message>
        <source>منطقه-ناحیه-بلوک-ملک-ساختمان-آپارتمان</source>
        <translation>region-district-block-parcel-building-apartment</translation>
    </message>
    <message>
        <source>ندارد</source>
        <translation>None</translation>
    </message>
    <message>
        <source>محدودیت پارکینگ (۵۰٪ تخفیف)</source>
        <translation>Parking restricted (50% discount)</translation>
    </message>
    <message>
        <source>ممنوعیت پارکینگ (۹۵٪ تخفیف)</source>
        <translation>Parking forbidden (95% discount)</translation>
    </message>
    <message>
        <source>اختیاری</source>
        <translation>optional</translation>
    </message>
    <message>
        <source>افزودن طبقه</source>
        <translation>Add floor</translation>
    </message>
    <message>
        <source>حذف طبقه</source>
        <translation>Remove floor</translation>
    </message>
    <message>
        <source>نوع محاسبه</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <source>تاریخ</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>کد نوسازی</source>
        <translation>Renovation code</translation>
    </message>
    <message>
        <source>مساحت عرصه (م²)</source>
        <translation>Land area (m²)</translation>
    </message>
    <message>
        <source>پارکینگ تأمین‌شده</source>
        <translation>Parking provided</translation>
    </message>
    <message>
        <source>پارکینگ موردنیاز</source>
        <translation>Parking required</translation>
    </message>
    <message>
        <source>محدودیت پارکینگ</source>
        <translation>Parking exemption</translation>
    </message>
    <message>
        <source>بالکن و پیش‌آمدگی (م²)</source>
        <translation>Balcony / projection (m²)</translation>
    </message>
    <message>
        <source>اضافه طبقه (م²)</source>
        <translation>Extra floor area (m²)</translation>
    </message>
    <message>
        <source>سال‌های نوسازی پرداخت‌نشده</source>
        <translation>Unpaid renovation years</translation>
    </message>
    <message>
        <source>طبقات</source>
        <translation>Floors</translation>
    </message>
    <message>
        <source>طبقات، ردیف {row}: {column}</source>
        <translation>Floors, row {row}: {column}</translation>
    </message>
    <message>
        <source>طبقات، ردیف {row}</source>
        <translation>Floors, row {row}</translation>
    </message>
</context>
<context>
    <name>FeePreviewPage</name>
    <message>
        <source>پیش‌نمایش عوارض</source>
        <translation>Fee preview</translation>
    </message>
    <message>
        <source>در حال بارگذاری دفترچه‌های تعرفه…</source>
        <translation>Loading the tariff books…</translation>
    </message>
    <message>
        <source>بررسی دفترچه سامانه</source>
        <translation>Check the server&apos;s book</translation>
    </message>
    <message>
        <source>جمع کل عوارض:</source>
        <translation>Total fees:</translation>
    </message>
    <message>
        <source>دفترچه‌های تعرفه بارگذاری نشد: {reason}</source>
        <translation>The tariff books could not be loaded: {reason}</translation>
    </message>
    <message>
        <source>بدون اتصال به سامانه: محاسبه با دفترچه‌های همین رایانه.</source>
        <translation>Not connected to the server: computing with the books on this computer.</translation>
    </message>
    <message>
        <source>دفترچه جاری سامانه: {book} — امضا تأیید شد.</source>
        <translation>The server&apos;s current book: {book} — signature verified.</translation>
    </message>
    <message>
        <source>دفترچه جاری سامانه: {book} — امضا تأیید نشد.</source>
        <translation>The server&apos;s current book: {book} — signature NOT verified.</translation>
    </message>
    <message>
        <source>دفترچه سامانه بررسی نشد: {reason} محاسبه با دفترچه‌های همین رایانه انجام می‌شود.</source>
        <translation>The server&apos;s book was not checked: {reason} Computing with the books on this computer.</translation>
    </message>
    <message>
        <source>{amount} ریال</source>
        <translation>{amount} rials</translation>
    </message>
    <message>
        <source>قیمت منطقه‌ای (P) بلوک {block}: {value} ریال بر متر مربع</source>
        <translation>Regional value (P) of block {block}: {value} rials per m²</translation>
    </message>
    <message>
        <source>دفترچه تعرفه: —</source>
        <translation>Tariff book: —</translation>
    </message>
    <message>
        <source>دفترچه تعرفه: {book} ({source})</source>
        <translation>Tariff book: {book} ({source})</translation>
    </message>
    <message>
        <source>همراه برنامه</source>
        <translation>bundled</translation>
    </message>
    <message>
        <source>دریافت‌شده از سامانه و تأییدشده</source>
        <translation>downloaded from the server, verified</translation>
    </message>
    <message>
        <source>نمونه آموزشی، غیرواقعی</source>
        <translation>training sample, not real</translation>
    </message>
    <message>
        <source>سامانه شهرداری دفترچه جدیدتری دارد ({server}) اما این پیش‌نمایش با {used} محاسبه شد؛ مبلغ نهایی ممکن است متفاوت باشد.</source>
        <translation>The municipality&apos;s server has a newer book ({server}), but this preview was computed with {used}; the final amount may differ.</translation>
    </message>
    <message>
        <source>امضای دفترچه سامانه تأیید نشد: {reason}</source>
        <translation>The server&apos;s book failed verification: {reason}</translation>
    </message>
</context>
<context>
    <name>FloorsTable</name>
    <message>
        <source>طبقه</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>کاربری</source>
        <translation>Use</translation>
    </message>
    <message>
        <source>مساحت (م²)</source>
        <translation>Area (m²)</translation>
    </message>
    <message>
        <source>واحد</source>
        <translation>Units</translation>
    </message>
    <message>
        <source>ارتفاع (م)</source>
        <translation>Height (m)</translation>
    </message>
    <message>
        <source>بَر (م)</source>
        <translation>Frontage (m)</translation>
    </message>
    <message>
        <source>مسکونی</source>
        <translation>Residential</translation>
    </message>
    <message>
        <source>تجاری</source>
        <translation>Commercial</translation>
    </message>
    <message>
        <source>اداری</source>
        <translation>Office</translation>
    </message>
    <message>
        <source>صنعتی</source>
        <translation>Industrial</translation>
    </message>
    <message>
        <source>انبار تجاری</source>
        <translation>Storage (commercial)</translation>
    </message>
    <message>
        <source>انبار اداری</source>
        <translation>Storage (office)</translation>
    </message>
    <message>
        <source>انبار صنعتی</source>
        <translation>Storage (industrial)</translation>
    </message>
    <message>
        <source>نیم‌طبقه</source>
        <translation>Mezzanine</translation>
    </message>
    <message>
        <source>همکف</source>
        <translation>Ground</translation>
    </message>
    <message>
        <source>زیرزمین {n}</source>
        <translation>Basement {n}</translation>
    </message>
    <message>
        <source>طبقه {n}</source>
        <translation>Floor {n}</translation>
    </message>
</context>
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
        <source>پیش‌نمایش عوارض</source>
        <translation>Fee preview</translation>
    </message>
    <message>
        <source>یادداشت تحویل نوبت</source>
        <translation>Hand-over notes</translation>
    </message>
    <message>
        <source>صف ارسال</source>
        <translation>Outbox</translation>
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
    <message>
        <source>صف ارسال در دسترس نیست؛ جزئیات در گزارش برنامه ثبت شد.</source>
        <translation>The outbox is not available; the details are in the application log.</translation>
    </message>
    <message>
        <source>در انتظار ارسال: {n}</source>
        <translation>Waiting to send: {n}</translation>
    </message>
    <message>
        <source>نامعلوم: {n}</source>
        <translation>in doubt: {n}</translation>
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
    <name>NotesPage</name>
    <message>
        <source>یادداشت تحویل نوبت</source>
        <translation>Hand-over note</translation>
    </message>
    <message>
        <source>آنچه همکار نوبت بعد باید بداند بنویسید. متن هنگام نوشتن ذخیره می‌شود و اگر برنامه بسته شود از بین نمی‌رود. پس از تأیید، یادداشت از راه صف ارسال به سامانه شهرداری فرستاده می‌شود.</source>
        <translation>Write what the colleague on the next shift needs to know. The text is saved as you type and is not lost if the application closes. Once you confirm it, the note goes to the municipal system through the outbox.</translation>
    </message>
    <message>
        <source>متن یادداشت…</source>
        <translation>Note text…</translation>
    </message>
    <message>
        <source>ثبت یادداشت…</source>
        <translation>Record note…</translation>
    </message>
    <message>
        <source>این یادداشت ثبت و به سامانه شهرداری فرستاده شود؟ پس از تأیید، دیگر ویرایش نمی‌شود.</source>
        <translation>Record this note and send it to the municipal system? Once confirmed, it can no longer be edited.</translation>
    </message>
    <message>
        <source>تأیید و ارسال</source>
        <translation>Confirm and send</translation>
    </message>
    <message>
        <source>انصراف</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>یادداشت‌های ثبت‌شده در سامانه</source>
        <translation>Notes recorded in the system</translation>
    </message>
    <message>
        <source>برای نوشتن یادداشت وارد شوید.</source>
        <translation>Sign in to write a note.</translation>
    </message>
    <message>
        <source>پیش‌نویس ذخیره‌شده بازیابی شد.</source>
        <translation>The saved draft was restored.</translation>
    </message>
    <message>
        <source>در حال نوشتن…</source>
        <translation>Writing…</translation>
    </message>
    <message>
        <source>پیش‌نویس ذخیره شد ({time}).</source>
        <translation>Draft saved ({time}).</translation>
    </message>
    <message>
        <source>پیش‌نویس ذخیره نشد؛ متن را نبندید و دوباره تلاش کنید. جزئیات در گزارش برنامه ثبت شد.</source>
        <translation>The draft was not saved; keep the text open and try again. The details are in the application log.</translation>
    </message>
    <message>
        <source>{count} از {limit} نویسه</source>
        <translation>{count} of {limit} characters</translation>
    </message>
    <message>
        <source>متن یادداشت خالی است؛ چیزی بنویسید.</source>
        <translation>The note text is empty; write something.</translation>
    </message>
    <message>
        <source>متن یادداشت بلندتر از {limit} نویسه است.</source>
        <translation>The note text is longer than {limit} characters.</translation>
    </message>
    <message>
        <source>یادداشت ثبت شد و در صف ارسال است؛ وضعیت آن را در صفحه «صف ارسال» ببینید.</source>
        <translation>The note is recorded and waiting in the outbox; see its status on the “Outbox” page.</translation>
    </message>
    <message>
        <source>یادداشت ثبت نشد: ذخیره در پایگاه داده این رایانه ممکن نشد. متن شما سر جایش است.</source>
        <translation>The note was not recorded: it could not be saved in this computer&apos;s database. Your text is still there.</translation>
    </message>
</context>
<context>
    <name>Outbox</name>
    <message>
        <source>در صف ارسال</source>
        <translation>Queued</translation>
    </message>
    <message>
        <source>در حال ارسال</source>
        <translation>Sending</translation>
    </message>
    <message>
        <source>نامعلوم</source>
        <translation>In doubt</translation>
    </message>
    <message>
        <source>انجام شد</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>رد شد</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <source>یادداشت تحویل نوبت</source>
        <translation>Hand-over note</translation>
    </message>
    <message>
        <source>متن یادداشت</source>
        <translation>Note text</translation>
    </message>
    <message>
        <source>شناسه یکتای کار</source>
        <translation>Action key</translation>
    </message>
    <message>
        <source>کل درخواست</source>
        <translation>The whole request</translation>
    </message>
    <message>
        <source>سامانه شهرداری ثبت کرد.</source>
        <translation>Recorded by the municipal system.</translation>
    </message>
    <message>
        <source>هم‌اکنون فرستاده می‌شود.</source>
        <translation>Being sent now.</translation>
    </message>
    <message>
        <source>در نوبت ارسال.</source>
        <translation>Waiting its turn to be sent.</translation>
    </message>
    <message>
        <source>سامانه در دسترس نبود و چیزی به آن نرسید؛ پس از برقراری اتصال ارسال می‌شود.</source>
        <translation>The system could not be reached and nothing got to it; it will be sent once the connection is back.</translation>
    </message>
    <message>
        <source>پاسخ سامانه در زمان مقرر نرسید؛ شاید ثبت شده باشد. با همان شناسه دوباره پرسیده می‌شود.</source>
        <translation>The system did not answer in time; it may have been recorded. It will be asked again with the same key.</translation>
    </message>
    <message>
        <source>اتصال پیش از رسیدن پاسخ قطع شد؛ شاید ثبت شده باشد. با همان شناسه دوباره پرسیده می‌شود.</source>
        <translation>The connection broke before the answer arrived; it may have been recorded. It will be asked again with the same key.</translation>
    </message>
    <message>
        <source>برنامه هنگام ارسال بسته شد؛ شاید ثبت شده باشد. با همان شناسه دوباره پرسیده می‌شود.</source>
        <translation>The application closed while sending; it may have been recorded. It will be asked again with the same key.</translation>
    </message>
    <message>
        <source>سامانه هنوز در حال انجام همین کار است؛ کمی بعد دوباره پرسیده می‌شود.</source>
        <translation>The system is still handling this very action; it will be asked again shortly.</translation>
    </message>
    <message>
        <source>سامانه شهرداری با خطا روبه‌رو شد ({status})؛ کمی بعد با همان شناسه دوباره ارسال می‌شود.</source>
        <translation>The municipal system failed ({status}); it will be sent again shortly with the same key.</translation>
    </message>
    <message>
        <source>سامانه خواست کمی صبر شود؛ سپس دوباره ارسال می‌شود.</source>
        <translation>The system asked to wait a little; it will then be sent again.</translation>
    </message>
    <message>
        <source>نشست کاری پایان یافته است؛ پس از ورود دوباره ارسال می‌شود.</source>
        <translation>The session has ended; it will be sent after you sign in again.</translation>
    </message>
    <message>
        <source>پرسش از سامانه درباره نتیجه این کار بی‌پاسخ ماند؛ دوباره پرسیده می‌شود.</source>
        <translation>Asking the system what became of this action got no answer; it will be asked again.</translation>
    </message>
    <message>
        <source>گواهی امنیتی سامانه معتبر نیست؛ تا رفع آن چیزی ارسال نمی‌شود.</source>
        <translation>The system&apos;s security certificate is not valid; nothing is sent until that is fixed.</translation>
    </message>
    <message>
        <source>نتیجه تلاش قبلی روشن نیست؛ با همان شناسه دوباره ارسال می‌شود.</source>
        <translation>The outcome of the last attempt is not known; it will be sent again with the same key.</translation>
    </message>
    <message>
        <source>خطای برنامه: سامانه این شناسه را با محتوای دیگری دیده است. به پشتیبانی خبر دهید.</source>
        <translation>Program defect: the system has seen this key with other content. Tell support.</translation>
    </message>
    <message>
        <source>{field}: {message}</source>
        <translation>{field}: {message}</translation>
    </message>
    <message>
        <source>سامانه نپذیرفت. {fields}</source>
        <translation>Refused by the system. {fields}</translation>
    </message>
    <message>
        <source>سامانه نپذیرفت (کد {status}).</source>
        <translation>Refused by the system (code {status}).</translation>
    </message>
</context>
<context>
    <name>OutboxPage</name>
    <message>
        <source>صف ارسال</source>
        <translation>Outbox</translation>
    </message>
    <message>
        <source>هر کاری که تأیید می‌کنید با شناسه یکتای خودش اینجا ثبت و به سامانه شهرداری فرستاده می‌شود. ارسال دوباره همیشه با همان شناسه است، پس هیچ کاری دو بار انجام نمی‌شود؛ و هیچ کاری از این فهرست پاک نمی‌شود.</source>
        <translation>Every action you confirm is recorded here with its own key and sent to the municipal system. A resend always uses the same key, so nothing is done twice; and nothing is ever removed from this list.</translation>
    </message>
    <message>
        <source>تلاش دوباره اکنون</source>
        <translation>Try again now</translation>
    </message>
    <message>
        <source>زمان تأیید</source>
        <translation>Confirmed</translation>
    </message>
    <message>
        <source>کار</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>شرح</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source>تلاش‌ها</source>
        <translation>Attempts</translation>
    </message>
    <message>
        <source>پایان یا تلاش بعدی</source>
        <translation>Finished or next attempt</translation>
    </message>
    <message>
        <source>وضعیت و علت</source>
        <translation>State and reason</translation>
    </message>
    <message>
        <source>اتصال به سامانه شهرداری برقرار نیست. کارها در این رایانه محفوظ‌اند و پس از برقراری اتصال فرستاده می‌شوند.</source>
        <translation>There is no connection to the municipal system. The actions are kept safe on this computer and will be sent once the connection is back.</translation>
    </message>
    <message>
        <source>نشست کاری پایان یافته است. کارها محفوظ‌اند و پس از ورود دوباره فرستاده می‌شوند.</source>
        <translation>The session has ended. The actions are kept safe and will be sent after you sign in again.</translation>
    </message>
    <message>
        <source>در صف ({n})</source>
        <translation>Queued ({n})</translation>
    </message>
    <message>
        <source>نامعلوم ({n})</source>
        <translation>In doubt ({n})</translation>
    </message>
    <message>
        <source>ردشده ({n})</source>
        <translation>Rejected ({n})</translation>
    </message>
    <message>
        <source>انجام‌شده امروز ({n})</source>
        <translation>Done today ({n})</translation>
    </message>
    <message>
        <source>{n} کار فرستاده شده اما پاسخ سامانه به آن نرسیده است، پس نتیجه‌اش نامعلوم است: شاید انجام شده باشد. برنامه با همان شناسه پیگیری می‌کند تا نتیجه روشن شود و هیچ کاری را خودکار برنمی‌گرداند. این کارها را از نو انجام ندهید.</source>
        <translation>{n} action(s) were sent but the system&apos;s answer never arrived, so the outcome is unknown: they may have been done. The program keeps asking with the same key until the outcome is known, and never reverses anything by itself. Do not do these actions again.</translation>
    </message>
    <message>
        <source>{n} کار به‌دلیل خطای برنامه رد شد. به پشتیبانی خبر دهید و شناسه کار را (در راهنمای سطر) بدهید.</source>
        <translation>{n} action(s) were refused because of a program defect. Tell support and give the action key (in the row&apos;s tooltip).</translation>
    </message>
    <message>
        <source>{n} کار برای نشانی دیگری از سامانه تأیید شده و تا ورود به همان نشانی منتظر می‌ماند.</source>
        <translation>{n} action(s) were confirmed for another system address and wait until you sign in there.</translation>
    </message>
    <message>
        <source>شناسه کار: {key}</source>
        <translation>Action key: {key}</translation>
    </message>
    <message>
        <source>کاری در صف نیست.</source>
        <translation>Nothing is queued.</translation>
    </message>
    <message>
        <source>کاری با نتیجه نامعلوم نیست.</source>
        <translation>No action is in doubt.</translation>
    </message>
    <message>
        <source>کاری رد نشده است.</source>
        <translation>No action was refused.</translation>
    </message>
    <message>
        <source>امروز هنوز کاری انجام نشده است.</source>
        <translation>Nothing done yet today.</translation>
    </message>
    <message>
        <source>وارد نشده‌اید.</source>
        <translation>You are not signed in.</translation>
    </message>
</context>
<context>
    <name>PdfPreviewDialog</name>
    <message>
        <source>پیش‌نمایش چاپ</source>
        <translation>Print preview</translation>
    </message>
    <message>
        <source>چاپگر رسید:</source>
        <translation>Receipt printer:</translation>
    </message>
    <message>
        <source>چاپگر A4:</source>
        <translation>A4 printer:</translation>
    </message>
    <message>
        <source>چاپ</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>بستن</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>— انتخاب چاپگر —</source>
        <translation>— choose a printer —</translation>
    </message>
    <message>
        <source>هیچ چاپگری روی این رایانه نصب نشده است. ابتدا چاپگر را نصب کنید.</source>
        <translation>No printer is installed on this computer. Install a printer first.</translation>
    </message>
    <message>
        <source>چاپگر «{name}» روی این رایانه پیدا نشد. چاپگر دیگری انتخاب کنید.</source>
        <translation>The printer “{name}” was not found on this computer. Choose another printer.</translation>
    </message>
    <message>
        <source>در حال ارسال به چاپگر…</source>
        <translation>Sending to the printer…</translation>
    </message>
    <message>
        <source>به چاپگر «{printer}» فرستاده شد ({pages} صفحه).</source>
        <translation>Sent to the printer “{printer}” ({pages} pages).</translation>
    </message>
    <message>
        <source>چاپ با خطای پیش‌بینی‌نشده‌ای متوقف شد. جزئیات در گزارش برنامه ثبت شد.</source>
        <translation>Printing stopped with an unexpected error. The details are in the application log.</translation>
    </message>
</context>
<context>
    <name>PrintService</name>
    <message>
        <source>چاپ انجام نشد.</source>
        <translation>Printing failed.</translation>
    </message>
    <message>
        <source>هیچ چاپگری روی این رایانه نصب نشده است. ابتدا چاپگر را نصب کنید.</source>
        <translation>No printer is installed on this computer. Install a printer first.</translation>
    </message>
    <message>
        <source>چاپگر رسید انتخاب نشده است. یک چاپگر انتخاب کنید.</source>
        <translation>No receipt printer is chosen. Choose a printer.</translation>
    </message>
    <message>
        <source>چاپگر A4 انتخاب نشده است. یک چاپگر انتخاب کنید.</source>
        <translation>No A4 printer is chosen. Choose a printer.</translation>
    </message>
    <message>
        <source>چاپگر «{name}» روی این رایانه پیدا نشد. چاپگر دیگری انتخاب کنید.</source>
        <translation>The printer “{name}” was not found on this computer. Choose another printer.</translation>
    </message>
    <message>
        <source>چاپ به چاپگر ممکن نیست و برنامه به‌جای آن فقط فایل می‌ساخت؛ چاپ متوقف شد. چاپگر را بررسی کنید.</source>
        <translation>This printer cannot be printed to: the application would only have written a file instead, so printing was stopped. Check the printer.</translation>
    </message>
    <message>
        <source>چاپگر «{name}» متوقف است یا خطا دارد. آن را بررسی و دوباره تلاش کنید.</source>
        <translation>The printer “{name}” is stopped or has an error. Check it and try again.</translation>
    </message>
    <message>
        <source>صف چاپ کار را نپذیرفت: {detail}</source>
        <translation>The print queue did not accept the job: {detail}</translation>
    </message>
    <message>
        <source>سند {number} پیش‌تر چاپ شده است؛ برای چاپ دوباره، نسخه المثنی چاپ کنید.</source>
        <translation>Document {number} has already been printed; to print it again, print a duplicate (المثنی).</translation>
    </message>
    <message>
        <source>فایل سند خوانده نشد و چاپ نشد.</source>
        <translation>The document file could not be read and was not printed.</translation>
    </message>
    <message>
        <source>سند چاپ شد اما در بایگانی ذخیره نشد: {detail}</source>
        <translation>The document was printed but not saved in the archive: {detail}</translation>
    </message>
    <message>
        <source>چاپگر آماده نشد</source>
        <translation>the printer did not get ready</translation>
    </message>
    <message>
        <source>صفحه تازه ساخته نشد</source>
        <translation>a new page could not be started</translation>
    </message>
    <message>
        <source>چاپگر کار را به پایان نرساند</source>
        <translation>the printer did not finish the job</translation>
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
